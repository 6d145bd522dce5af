package dev.vaelab.gmm;

import dev.vaelab.core.math.Constants;
import dev.vaelab.core.math.LogSumExp;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;

/**
 * One EM iteration as a float64 TensorFlow graph run over the data in row blocks ({@link Data}),
 * the per-block statistics summed in Java: every intermediate of a block stays a few MB, where one
 * graph over all N rows would stream N × K × D tensors through memory several times.
 *
 * <p>E-step (the encoder set to the exact posterior, by log-sum-exp, never by exponentiating raw
 * densities), with a Mahalanobis term specific to the covariance type:
 *
 * <pre>
 *   ln p(y, z = n) = ln λ_n − ½ D ln 2π − ½ ln |Σ_n| − ½ m_n(y)
 *   FULL:      m_n(y) = ‖y P_n − μ_n P_n‖²,   P_n = L_n⁻ᵀ, Σ_n = L_n L_nᵀ    (one [B, D] × [D, K·D] product)
 *   TIED:      m_n(y) = ‖y P − μ_n P‖²        (one shared factor: a [B, D] × [D, D] product)
 *   DIAGONAL / SPHERICAL: m_n(y) = Σ_i y_i² / σ²_ni − 2 Σ_i y_i μ_ni / σ²_ni + Σ_i μ_ni² / σ²_ni
 *                  (one [B, 2D] × [2D, K] product of [y | y²], squared once per fit; no D × D matrices)
 *   ln p(y)        = logsumexp_n ln p(y, z = n),   ln q(n | y) = ln p(y, z = n) − ln p(y)
 * </pre>
 *
 * The triad's rate and distortion at q: rate = Σ_n q ln(q / λ_n), distortion = −Σ_n q ln N(y | μ_n,
 * Σ_n), whose sum is −ELBO. M-step statistics: N_n = Σ_y q, the new means μ'_n = Σ_y q y / (N_n + ε)
 * and the scatter S_n = Σ_y q (y − μ'_n)(y − μ'_n)ᵀ. FULL and TIED accumulate it about the data's
 * mean c (one [K·D, B] × [B, D] product per block for all components) and correct exactly:
 *
 * <pre>
 *   S_n = Σ_y q (y − c)(y − c)ᵀ − a_n δ_nᵀ − δ_n a_nᵀ + N_n δ_n δ_nᵀ,   δ_n = μ'_n − c,  a_n = Σ_y q y − N_n c
 * </pre>
 *
 * DIAGONAL and SPHERICAL keep only diag(S_n) = Σ q y² − 2 μ' ⊙ Σ q y + N_n μ'² (as scikit-learn), both
 * sums from one [K, B] × [B, 2D] product.
 */
final class EmGraph implements AutoCloseable {
  /** Added to N_n before dividing, as scikit-learn does (10 × machine epsilon). */
  static final double EPS = 10 * Math.ulp(1.0);
  /**
   * Doubles in the largest per-block intermediate [B, K·D] of the full and tied forms: 2^21 = 16 MB
   * (measured on 60,000 × 50, K = 10: smaller blocks cost more in per-run overhead than they gain in
   * cache, larger ones stream through memory).
   */
  static final int BLOCK_BUDGET = 1 << 21;
  /** Rows per block of the diagonal form, whose intermediates are only [B, K] (one block up to 65,536 rows was fastest). */
  static final int DIAGONAL_BLOCK_ROWS = 1 << 16;

  final int k;
  final int d;
  final CovarianceType type;
  private final boolean diagonalForm;
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TFloat64> x;
  private final Placeholder<TFloat64> a; // FULL [D, K*D] precision factors; TIED [D, D]; diagonal forms [K, D] 1/σ²
  private final Placeholder<TFloat64> b; // FULL [K*D] μP; TIED [K, D] μP; diagonal forms [K, D] μ/σ²
  private final Placeholder<TFloat64> logCoefficient; // [K]
  private final Placeholder<TFloat64> logWeights; // [K]
  private final Placeholder<TFloat64> shift; // [D] the data's mean c (FULL, TIED)
  final Operand<TFloat64> logNorm; // [B]
  final Operand<TFloat64> logResp; // [B, K]
  private final Operand<TFloat64> sumLogNorm;
  private final Operand<TFloat64> rateSum;
  private final Operand<TFloat64> distortionSum;
  private final Operand<TFloat64> entropySum;
  private final Operand<TFloat64> counts; // [K]
  private final Operand<TFloat64> sumX; // [K, D]
  private final Operand<TFloat64> second; // [K, D, D] shifted scatter, or [K, D] Σ q y²
  private EmGraph fullForm; // for parameters this graph's form cannot represent (see formFits)

  EmGraph(int k, int d, CovarianceType type) {
    this.k = k;
    this.d = d;
    this.type = type;
    this.diagonalForm = type == CovarianceType.DIAGONAL || type == CovarianceType.SPHERICAL;
    Ops tf = Ops.create(graph);
    // the diagonal form reads each block as [y | y²] ([B, 2D], squared once when the data is blocked)
    x = tf.withName("y").placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1, diagonalForm ? 2L * d : d)));
    Shape aShape = aShape();
    Shape bShape = bShape();
    a = tf.placeholder(TFloat64.class, Placeholder.shape(aShape));
    b = tf.placeholder(TFloat64.class, Placeholder.shape(bShape));
    logCoefficient = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(k)));
    logWeights = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(k)));
    shift = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(d)));
    Operand<TInt32> ax0 = tf.constant(0);
    Operand<TInt32> ax1 = tf.constant(1);

    Ops e = tf.withSubScope("e_step");
    Operand<TFloat64> maha; // [B, K]
    if (type == CovarianceType.FULL) {
      Operand<TFloat64> sq = e.math.squaredDifference(e.linalg.matMul(x, a), b); // [B, K*D]
      maha = e.reduceSum(e.reshape(sq, e.constant(new int[] {-1, k, d})), e.constant(2));
    } else if (type == CovarianceType.TIED) {
      Operand<TFloat64> proj = e.linalg.matMul(x, a); // [B, D]
      Operand<TFloat64> diff = e.math.sub(e.expandDims(proj, ax1), b); // [B, K, D]
      maha = e.reduceSum(e.math.square(diff), e.constant(2));
    } else {
      // Σ y²/σ² − 2 Σ y μ/σ² as one product [y | y²] × [−2 μ/σ² ; 1/σ²] (Σ μ²/σ² is in the log coefficient)
      maha = e.linalg.matMul(x, a);
    }
    Operand<TFloat64> logJoint = e.math.sub(logCoefficient, e.math.mul(e.constant(0.5), maha));
    logNorm = LogSumExp.logSumExp(e, logJoint, 1);
    logResp = e.math.sub(logJoint, e.expandDims(logNorm, ax1));
    Operand<TFloat64> resp = e.math.exp(logResp);
    sumLogNorm = e.reduceSum(logNorm, ax0);
    // one pass over [B, K] for H = −Σ q ln q; with N_n = Σ_y q and Σ_n q = 1 the rest is exact algebra:
    //   rate       = Σ q ln(q / λ)             = −H − Σ_n N_n ln λ_n
    //   distortion = −Σ q (ln p(y, n) − ln λ_n) = H − Σ_y ln p(y) + Σ_n N_n ln λ_n
    entropySum = e.math.neg(e.reduceSum(e.math.mul(resp, logResp), e.constant(new int[] {0, 1})));
    Operand<TFloat64> countsE = e.reduceSum(resp, ax0);
    Operand<TFloat64> priorTerm = e.reduceSum(e.math.mul(countsE, logWeights), ax0); // Σ_n N_n ln λ_n
    rateSum = e.math.sub(e.math.neg(entropySum), priorTerm);
    distortionSum = e.math.add(e.math.sub(entropySum, sumLogNorm), priorTerm);

    Ops m = tf.withSubScope("m_step");
    counts = countsE;
    if (diagonalForm) {
      sumX = m.linalg.matMul(resp, x, MatMul.transposeA(true)); // [K, 2D]: Σ q y and Σ q y² side by side
      second = sumX;
    } else {
      sumX = m.linalg.matMul(resp, x, MatMul.transposeA(true)); // [K, D]
      // Σ_y q_n (y − c)(y − c)ᵀ for all n as one [K·D, B] × [B, D] product, c = the data's mean
      Operand<TFloat64> centred = m.math.sub(x, shift); // [B, D]
      Operand<TFloat64> weighted =
          m.reshape(m.math.mul(m.expandDims(resp, m.constant(2)), m.expandDims(centred, ax1)), m.constant(new int[] {-1, k * d})); // [B, K*D]
      second = m.reshape(m.linalg.matMul(weighted, centred, MatMul.transposeA(true)), m.constant(new int[] {k, d, d}));
    }
    session = new Session(graph);
  }

  /** What one pass returns. */
  record Step(
      double sumLogLikelihood, double rateSum, double distortionSum, double entropySum,
      double[] counts, double[][] newMeans, double[][][] scatter) {}

  /** The precomputed parameter feeds of a mixture (shapes as the placeholders a, b). */
  record Feeds(double[] a, double[] b, double[] logCoefficient, double[] logWeights) {}

  Feeds feeds(MixtureParameters p) {
    return feeds(p, type);
  }

  /** The feeds of {@code p} for a graph of covariance type {@code type} (also used by {@link MixtureScorer}). */
  static Feeds feeds(MixtureParameters p, CovarianceType type) {
    int k = p.components();
    int d = p.dimension();
    boolean diagonalForm = type == CovarianceType.DIAGONAL || type == CovarianceType.SPHERICAL;
    double[] lw = new double[k];
    double[] coef = new double[k];
    for (int n = 0; n < k; n++) {
      lw[n] = Math.log(p.weights()[n]);
    }
    if (diagonalForm) {
      double[] ab = new double[2 * d * k]; // [2D, K]: rows 0..D−1 −2 μ/σ², rows D..2D−1 1/σ²
      for (int n = 0; n < k; n++) {
        double logDet = 0;
        double muSq = 0;
        for (int j = 0; j < d; j++) {
          double v = p.covariances()[n][j][j];
          if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("component " + n + " has variance " + v + " in dimension " + j + "; expected a finite value > 0");
          }
          double mu = p.means()[n][j];
          ab[j * k + n] = -2 * mu / v;
          ab[(d + j) * k + n] = 1 / v;
          logDet += Math.log(v);
          muSq += mu * mu / v;
        }
        coef[n] = lw[n] - 0.5 * d * Constants.LN_2PI - 0.5 * logDet - 0.5 * muSq;
      }
      return new Feeds(ab, new double[0], coef, lw);
    }
    if (type == CovarianceType.TIED) {
      double[][] l = Cholesky.lower(p.covariances()[0], 0);
      double[][] pn = Cholesky.precisionFactor(l);
      double[] prec = new double[d * d];
      for (int i = 0; i < d; i++) {
        System.arraycopy(pn[i], 0, prec, i * d, d);
      }
      double[] mp = new double[k * d];
      double logDet = Cholesky.logDet(l);
      for (int n = 0; n < k; n++) {
        times(p.means()[n], pn, mp, n * d);
        coef[n] = lw[n] - 0.5 * d * Constants.LN_2PI - 0.5 * logDet;
      }
      return new Feeds(prec, mp, coef, lw);
    }
    double[] prec = new double[d * k * d];
    double[] mp = new double[k * d];
    for (int n = 0; n < k; n++) {
      double[][] l = Cholesky.lower(p.covariances()[n], n);
      double[][] pn = Cholesky.precisionFactor(l);
      for (int i = 0; i < d; i++) {
        System.arraycopy(pn[i], 0, prec, i * k * d + n * d, d);
      }
      times(p.means()[n], pn, mp, n * d);
      coef[n] = lw[n] - 0.5 * d * Constants.LN_2PI - 0.5 * Cholesky.logDet(l);
    }
    return new Feeds(prec, mp, coef, lw);
  }

  /** out[at + j] = Σ_i v_i P[i][j]. */
  private static void times(double[] v, double[][] pn, double[] out, int at) {
    int d = v.length;
    for (int j = 0; j < d; j++) {
      double s = 0;
      for (int i = 0; i < d; i++) {
        s += v[i] * pn[i][j];
      }
      out[at + j] = s;
    }
  }

  /** The parameter tensors of one mixture, fed to every block. */
  private final class Params implements AutoCloseable {
    final TFloat64 ta;
    final TFloat64 tb;
    final TFloat64 coef;
    final TFloat64 lw;

    Params(MixtureParameters p) {
      Feeds f = feeds(p);
      ta = TFloat64.tensorOf(aShape(), DataBuffers.of(f.a(), true, false));
      tb = diagonalForm ? null : TFloat64.tensorOf(bShape(), DataBuffers.of(f.b(), true, false));
      coef = TFloat64.tensorOf(Shape.of(k), DataBuffers.of(f.logCoefficient(), true, false));
      lw = TFloat64.tensorOf(Shape.of(k), DataBuffers.of(f.logWeights(), true, false));
    }

    Session.Runner runner(TFloat64 block) {
      Session.Runner r = session.runner().feed(x, block).feed(a, ta).feed(logCoefficient, coef).feed(logWeights, lw);
      return tb == null ? r : r.feed(b, tb);
    }

    @Override
    public void close() {
      ta.close();
      if (tb != null) {
        tb.close();
      }
      coef.close();
      lw.close();
    }
  }

  private Shape aShape() {
    return type == CovarianceType.FULL ? Shape.of(d, (long) k * d) : type == CovarianceType.TIED ? Shape.of(d, d) : Shape.of(2L * d, k);
  }

  private Shape bShape() {
    return type == CovarianceType.FULL ? Shape.of((long) k * d) : Shape.of(k, d);
  }

  /** Rows per block for this graph's largest intermediate to stay within {@link #BLOCK_BUDGET}. */
  int blockRows() {
    if (diagonalForm) {
      return DIAGONAL_BLOCK_ROWS;
    }
    long perRow = (long) k * d;
    return (int) Math.max(64, BLOCK_BUDGET / Math.max(1, perRow));
  }

  /**
   * Whether this graph's covariance form represents {@code p} exactly: the diagonal form needs
   * diagonal covariances, the tied form one covariance shared by all components. Parameters given
   * by the user (a start) need not be of the fit's type; for them the full form is used.
   */
  static boolean formFits(MixtureParameters p, CovarianceType type) {
    double[][][] cov = p.covariances();
    if (type == CovarianceType.DIAGONAL || type == CovarianceType.SPHERICAL) {
      for (double[][] c : cov) {
        for (int i = 0; i < c.length; i++) {
          for (int j = 0; j < c.length; j++) {
            if (i != j && c[i][j] != 0) {
              return false;
            }
          }
        }
      }
    } else if (type == CovarianceType.TIED) {
      for (double[][] c : cov) {
        for (int i = 0; i < c.length; i++) {
          if (!java.util.Arrays.equals(c[i], cov[0][i])) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private synchronized EmGraph fullForm() {
    if (fullForm == null) {
      fullForm = new EmGraph(k, d, CovarianceType.FULL);
    }
    return fullForm;
  }

  /** Runs an E-step (and, if {@code withStatistics}, the M-step statistics) over every block of the data. */
  Step run(Data data, MixtureParameters p, boolean withStatistics) {
    if (!formFits(p, type)) {
      EmGraph full = fullForm();
      try (Data fullData = full.data(data.source)) {
        return full.run(fullData, p, withStatistics); // its scatter is full; the M-step reads what its type needs
      }
    }
    Sums sums = sums(data, p, withStatistics, data.centre);
    double ll = sums.logLikelihood;
    double rate = sums.rate;
    double dist = sums.distortion;
    double ent = sums.entropy;
    double[] nk = sums.counts;
    double[] sx = sums.sumX;
    double[] sc = sums.second;
    if (!withStatistics) {
      return new Step(ll, rate, dist, ent, null, null, null);
    }
    double[][] means = new double[k][d];
    double[][][] s = new double[k][d][d];
    for (int n = 0; n < k; n++) {
      double denominator = nk[n] + EPS;
      for (int i = 0; i < d; i++) {
        means[n][i] = sx[n * d + i] / denominator;
      }
      if (diagonalForm) {
        for (int i = 0; i < d; i++) {
          double mu = means[n][i];
          s[n][i][i] = sc[n * d + i] - 2 * mu * sx[n * d + i] + nk[n] * mu * mu;
        }
      } else {
        double[] m = data.mean;
        double[] delta = new double[d];
        double[] aa = new double[d];
        for (int i = 0; i < d; i++) {
          delta[i] = means[n][i] - m[i];
          aa[i] = sx[n * d + i] - nk[n] * m[i];
        }
        for (int i = 0; i < d; i++) {
          for (int j = 0; j < d; j++) {
            s[n][i][j] = sc[(n * d + i) * d + j] - aa[i] * delta[j] - delta[i] * aa[j] + nk[n] * delta[i] * delta[j];
          }
        }
      }
    }
    return new Step(ll, rate, dist, ent, nk, means, s);
  }

  /**
   * The sums of one pass: Σ ln p(y), rate, distortion, entropy, then (with statistics) N_n, Σ q y and
   * the second moments — FULL and TIED Σ q (y − c)(y − c)ᵀ about {@code centre} ([K, D, D]), DIAGONAL
   * and SPHERICAL Σ q y² ([K, D]).
   */
  private record Sums(double logLikelihood, double rate, double distortion, double entropy, double[] counts, double[] sumX, double[] second) {}

  private Sums sums(Data data, MixtureParameters p, boolean withStatistics, TFloat64 centre) {
    double ll = 0;
    double rate = 0;
    double dist = 0;
    double ent = 0;
    double[] nk = new double[k];
    double[] sx = new double[k * d];
    double[] sc = new double[diagonalForm ? k * d : k * d * d];
    try (Params par = new Params(p)) {
      for (TFloat64 block : data.blocks) {
        Session.Runner r = par.runner(block).fetch(sumLogNorm).fetch(rateSum).fetch(distortionSum).fetch(entropySum);
        if (withStatistics) {
          r.fetch(counts).fetch(sumX);
          if (!diagonalForm) {
            r.feed(shift, centre).fetch(second);
          }
        }
        try (Result res = r.run()) {
          ll += ((TFloat64) res.get(0)).getDouble();
          rate += ((TFloat64) res.get(1)).getDouble();
          dist += ((TFloat64) res.get(2)).getDouble();
          ent += ((TFloat64) res.get(3)).getDouble();
          if (withStatistics) {
            addTo(nk, (TFloat64) res.get(4));
            if (diagonalForm) { // [K, 2D]: Σ q y, then Σ q y²
              double[] both = values((TFloat64) res.get(5));
              for (int n = 0; n < k; n++) {
                for (int i = 0; i < d; i++) {
                  sx[n * d + i] += both[n * 2 * d + i];
                  sc[n * d + i] += both[n * 2 * d + d + i];
                }
              }
            } else {
              addTo(sx, (TFloat64) res.get(5));
              addTo(sc, (TFloat64) res.get(6));
            }
          }
        }
      }
    }
    return new Sums(ll, rate, dist, ent, nk, sx, sc);
  }

  /**
   * One pass's sufficient statistics as {@link EmStatistics} about the given {@code centre} (the same
   * for every part of a partitioned data set), computed by this graph: what {@link EmStatistics#add}
   * sums row by row, in matrix products.
   */
  EmStatistics statistics(Data data, MixtureParameters p, CovarianceType statisticsType, double[] centre) {
    if (!formFits(p, type)) {
      EmGraph full = fullForm();
      try (Data fullData = full.data(data.source)) {
        return full.statistics(fullData, p, statisticsType, centre);
      }
    }
    Sums s;
    try (TFloat64 c = TFloat64.tensorOf(Shape.of(d), DataBuffers.of(centre.clone(), true, false))) {
      s = sums(data, p, true, c);
    }
    boolean diagonalStats = statisticsType == CovarianceType.DIAGONAL || statisticsType == CovarianceType.SPHERICAL;
    double[] sc = new double[diagonalStats ? k * d : k * d * d];
    for (int n = 0; n < k; n++) {
      for (int i = 0; i < d; i++) {
        if (diagonalForm) { // Σ q (y − c)² = Σ q y² − 2 c Σ q y + N c²
          sc[n * d + i] = s.second[n * d + i] - 2 * centre[i] * s.sumX[n * d + i] + s.counts[n] * centre[i] * centre[i];
        } else if (diagonalStats) {
          sc[n * d + i] = s.second[(n * d + i) * d + i];
        } else {
          System.arraycopy(s.second, (n * d + i) * d, sc, (n * d + i) * d, d);
        }
      }
    }
    return new EmStatistics(k, d, statisticsType, centre, s.counts, s.sumX, sc, s.logLikelihood, s.entropy, data.rows);
  }

  /** ln p(y) per example (into {@code logLikelihoodOut} if not null) and ln q(n | y) per example and component. */
  double[][] logResponsibilities(Data data, MixtureParameters p, double[] logLikelihoodOut) {
    if (!formFits(p, type)) {
      EmGraph full = fullForm();
      try (Data fullData = full.data(data.source)) {
        return full.logResponsibilities(fullData, p, logLikelihoodOut);
      }
    }
    double[][] out = new double[data.rows][];
    int row = 0;
    try (Params par = new Params(p)) {
      for (TFloat64 block : data.blocks) {
        try (Result res = par.runner(block).fetch(logNorm).fetch(logResp).run()) {
          double[] ln = values((TFloat64) res.get(0));
          double[] lr = values((TFloat64) res.get(1));
          for (int i = 0; i < ln.length; i++) {
            if (logLikelihoodOut != null) {
              logLikelihoodOut[row] = ln[i];
            }
            out[row++] = java.util.Arrays.copyOfRange(lr, i * k, (i + 1) * k);
          }
        }
      }
    }
    return out;
  }

  /** The rows of a data set as float64 tensors of at most {@code blockRows} rows each (the caller closes it). */
  static final class Data implements AutoCloseable {
    final List<TFloat64> blocks = new ArrayList<>();
    final int rows;
    /** The column means c of the data, about which FULL and TIED accumulate their scatter. */
    final double[] mean;
    final TFloat64 centre;
    /** The rows the blocks were made from (not copied). */
    final double[][] source;

    Data(double[][] x, int blockRows) {
      this(x, blockRows, false);
    }

    /** @param withSquares each block row is [y | y²] (the diagonal form's layout) */
    Data(double[][] x, int blockRows, boolean withSquares) {
      this.rows = x.length;
      this.source = x;
      int d = x[0].length;
      mean = new double[d];
      for (double[] row : x) {
        for (int j = 0; j < d; j++) {
          mean[j] += row[j];
        }
      }
      for (int j = 0; j < d; j++) {
        mean[j] /= rows;
      }
      centre = TFloat64.tensorOf(Shape.of(d), DataBuffers.of(mean.clone(), true, false));
      for (int from = 0; from < x.length; from += blockRows) {
        int n = Math.min(blockRows, x.length - from);
        int width = withSquares ? 2 * d : d;
        double[] flat = new double[n * width];
        for (int i = 0; i < n; i++) {
          double[] row = x[from + i];
          System.arraycopy(row, 0, flat, i * width, d);
          if (withSquares) {
            for (int j = 0; j < d; j++) {
              flat[i * width + d + j] = row[j] * row[j];
            }
          }
        }
        blocks.add(TFloat64.tensorOf(Shape.of(n, width), DataBuffers.of(flat, true, false)));
      }
    }

    @Override
    public void close() {
      blocks.forEach(TFloat64::close);
      centre.close();
    }
  }

  /** The data in blocks sized for this graph. */
  Data data(double[][] x) {
    return new Data(x, blockRows(), diagonalForm);
  }

  private static void addTo(double[] acc, TFloat64 t) {
    double[] v = values(t);
    for (int i = 0; i < v.length; i++) {
      acc[i] += v[i];
    }
  }

  private static double[] values(TFloat64 t) {
    double[] out = new double[(int) t.shape().size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  @Override
  public synchronized void close() {
    if (fullForm != null) {
      fullForm.close();
      fullForm = null;
    }
    session.close();
    graph.close();
  }
}
