package dev.vaelab.gmm;

import dev.vaelab.core.math.Constants;
import dev.vaelab.core.math.LogSumExp;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;

/**
 * One EM iteration as a float64 TensorFlow graph over the N × K responsibilities.
 *
 * <p>E-step (the encoder set to the exact posterior, by log-sum-exp, never by exponentiating raw
 * densities):
 *
 * <pre>
 *   ln p(y, z = n) = ln λ_n − ½ D ln 2π + ln |P_n| − ½ ‖y P_n − μ_n P_n‖²,   P_n = L_n⁻ᵀ, Σ_n = L_n L_nᵀ
 *   ln p(y)        = logsumexp_n ln p(y, z = n)
 *   ln q(n | y)    = ln p(y, z = n) − ln p(y)
 * </pre>
 *
 * The triad's rate and distortion at q: rate = Σ_n q ln(q / λ_n), distortion = −Σ_n q ln N(y | μ_n,
 * Σ_n), whose sum is −ELBO. M-step statistics: N_n = Σ_y q, the new means Σ_y q y / N_n and the
 * (unnormalised) scatter Σ_y q (y − μ_n)(y − μ_n)ᵀ (full matrices for FULL / TIED, diagonals for
 * DIAGONAL / SPHERICAL).
 */
final class EmGraph implements AutoCloseable {
  /** Added to N_n before dividing, as scikit-learn does (10 × machine epsilon). */
  static final double EPS = 10 * Math.ulp(1.0);

  final int k;
  final int d;
  final CovarianceType type;
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TFloat64> x;
  private final Placeholder<TFloat64> precision; // [D, K*D]
  private final Placeholder<TFloat64> meanTimesPrecision; // [K*D]
  private final Placeholder<TFloat64> logCoefficient; // [K]: ln λ − ½ D ln 2π + ln|P|
  private final Placeholder<TFloat64> logWeights; // [K]
  final Operand<TFloat64> logNorm; // [N]
  final Operand<TFloat64> logResp; // [N, K]
  private final Operand<TFloat64> sumLogNorm;
  private final Operand<TFloat64> rateSum;
  private final Operand<TFloat64> distortionSum;
  private final Operand<TFloat64> entropySum;
  private final Operand<TFloat64> counts; // [K]
  private final Operand<TFloat64> newMeans; // [K, D]
  private final Operand<TFloat64> scatter; // [K, D, D] or [K, D]

  EmGraph(int k, int d, CovarianceType type) {
    this.k = k;
    this.d = d;
    this.type = type;
    Ops tf = Ops.create(graph);
    x = tf.withName("y").placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1, d)));
    precision = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(d, (long) k * d)));
    meanTimesPrecision = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of((long) k * d)));
    logCoefficient = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(k)));
    logWeights = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(k)));
    Operand<TInt32> ax0 = tf.constant(0);
    Operand<TInt32> ax1 = tf.constant(1);

    Ops e = tf.withSubScope("e_step");
    Operand<TFloat64> proj = e.math.sub(e.linalg.matMul(x, precision), meanTimesPrecision); // [N, K*D]
    Operand<TFloat64> maha =
        e.reduceSum(e.math.square(e.reshape(proj, e.constant(new int[] {-1, k, d}))), e.constant(2)); // [N, K]
    Operand<TFloat64> logJoint = e.math.sub(logCoefficient, e.math.mul(e.constant(0.5), maha));
    logNorm = LogSumExp.logSumExp(e, logJoint, 1);
    logResp = e.math.sub(logJoint, e.expandDims(logNorm, ax1));
    Operand<TFloat64> resp = e.math.exp(logResp);
    sumLogNorm = e.reduceSum(logNorm, ax0);
    Operand<TFloat64> logComponent = e.math.sub(logJoint, logWeights); // ln N(y | μ_n, Σ_n)
    rateSum = e.reduceSum(e.math.mul(resp, e.math.sub(logResp, logWeights)), e.constant(new int[] {0, 1}));
    distortionSum = e.math.neg(e.reduceSum(e.math.mul(resp, logComponent), e.constant(new int[] {0, 1})));
    entropySum = e.math.neg(e.reduceSum(e.math.mul(resp, logResp), e.constant(new int[] {0, 1})));

    Ops m = tf.withSubScope("m_step");
    counts = m.reduceSum(resp, ax0);
    Operand<TFloat64> sumX = m.linalg.matMul(resp, x, org.tensorflow.op.linalg.MatMul.transposeA(true)); // [K, D]
    newMeans = m.math.div(sumX, m.expandDims(m.math.add(counts, m.constant(EPS)), ax1));
    if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
      Operand<TFloat64> diff = m.math.sub(m.expandDims(x, ax0), m.expandDims(newMeans, ax1)); // [K, N, D]
      Operand<TFloat64> weighted = m.math.mul(diff, m.expandDims(m.linalg.transpose(resp, m.constant(new int[] {1, 0})), m.constant(2)));
      scatter = m.train.batchMatMul(weighted, diff, TFloat64.class, BatchMatMul.adjX(true)); // [K, D, D]
    } else {
      Operand<TFloat64> sumX2 = m.linalg.matMul(resp, m.math.square(x), org.tensorflow.op.linalg.MatMul.transposeA(true));
      // Σ q (y − μ)² = Σ q y² − 2 μ Σ q y + N μ²
      scatter =
          m.math.add(
              m.math.sub(sumX2, m.math.mul(m.constant(2.0), m.math.mul(newMeans, sumX))),
              m.math.mul(m.expandDims(counts, ax1), m.math.square(newMeans)));
    }
    session = new Session(graph);
  }

  /** What one run returns. */
  record Step(
      double sumLogLikelihood, double rateSum, double distortionSum, double entropySum,
      double[] counts, double[][] newMeans, double[][][] scatter) {}

  /** The precomputed parameter feeds of a mixture. */
  record Feeds(double[] precision, double[] meanTimesPrecision, double[] logCoefficient, double[] logWeights) {}

  static Feeds feeds(MixtureParameters p) {
    int k = p.components();
    int d = p.dimension();
    double[] prec = new double[d * k * d];
    double[] mp = new double[k * d];
    double[] coef = new double[k];
    double[] lw = new double[k];
    for (int n = 0; n < k; n++) {
      double[][] l = Cholesky.lower(p.covariances()[n], n);
      double[][] pn = Cholesky.precisionFactor(l);
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          prec[i * k * d + n * d + j] = pn[i][j];
        }
      }
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (int i = 0; i < d; i++) {
          s += p.means()[n][i] * pn[i][j];
        }
        mp[n * d + j] = s;
      }
      lw[n] = Math.log(p.weights()[n]);
      coef[n] = lw[n] - 0.5 * d * Constants.LN_2PI - 0.5 * Cholesky.logDet(l);
    }
    return new Feeds(prec, mp, coef, lw);
  }

  /** Runs an E-step (and, if {@code withStatistics}, the M-step statistics) on the data tensor. */
  Step run(TFloat64 data, MixtureParameters p, boolean withStatistics) {
    Feeds f = feeds(p);
    try (TFloat64 prec = TFloat64.tensorOf(Shape.of(d, (long) k * d), DataBuffers.of(f.precision(), true, false));
        TFloat64 mp = TFloat64.tensorOf(Shape.of((long) k * d), DataBuffers.of(f.meanTimesPrecision(), true, false));
        TFloat64 coef = TFloat64.tensorOf(Shape.of(k), DataBuffers.of(f.logCoefficient(), true, false));
        TFloat64 lw = TFloat64.tensorOf(Shape.of(k), DataBuffers.of(f.logWeights(), true, false))) {
      Session.Runner r =
          session.runner().feed(x, data).feed(precision, prec).feed(meanTimesPrecision, mp).feed(logCoefficient, coef).feed(logWeights, lw)
              .fetch(sumLogNorm).fetch(rateSum).fetch(distortionSum).fetch(entropySum);
      if (withStatistics) {
        r.fetch(counts).fetch(newMeans).fetch(scatter);
      }
      try (Result res = r.run()) {
        double ll = ((TFloat64) res.get(0)).getDouble();
        double rate = ((TFloat64) res.get(1)).getDouble();
        double dist = ((TFloat64) res.get(2)).getDouble();
        double ent = ((TFloat64) res.get(3)).getDouble();
        if (!withStatistics) {
          return new Step(ll, rate, dist, ent, null, null, null);
        }
        double[] nk = values((TFloat64) res.get(4));
        double[][] means = reshape(values((TFloat64) res.get(5)), k, d);
        double[] sc = values((TFloat64) res.get(6));
        double[][][] s = new double[k][d][d];
        for (int n = 0; n < k; n++) {
          for (int i = 0; i < d; i++) {
            if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
              System.arraycopy(sc, n * d * d + i * d, s[n][i], 0, d);
            } else {
              s[n][i][i] = sc[n * d + i];
            }
          }
        }
        return new Step(ll, rate, dist, ent, nk, means, s);
      }
    }
  }

  /** ln p(y) per example and ln q(n | y) per example and component. */
  double[][] logResponsibilities(TFloat64 data, MixtureParameters p, double[] logLikelihoodOut) {
    Feeds f = feeds(p);
    try (TFloat64 prec = TFloat64.tensorOf(Shape.of(d, (long) k * d), DataBuffers.of(f.precision(), true, false));
        TFloat64 mp = TFloat64.tensorOf(Shape.of((long) k * d), DataBuffers.of(f.meanTimesPrecision(), true, false));
        TFloat64 coef = TFloat64.tensorOf(Shape.of(k), DataBuffers.of(f.logCoefficient(), true, false));
        TFloat64 lw = TFloat64.tensorOf(Shape.of(k), DataBuffers.of(f.logWeights(), true, false));
        Result res =
            session.runner().feed(x, data).feed(precision, prec).feed(meanTimesPrecision, mp).feed(logCoefficient, coef).feed(logWeights, lw)
                .fetch(logNorm).fetch(logResp).run()) {
      double[] ln = values((TFloat64) res.get(0));
      if (logLikelihoodOut != null) {
        System.arraycopy(ln, 0, logLikelihoodOut, 0, ln.length);
      }
      return reshape(values((TFloat64) res.get(1)), ln.length, k);
    }
  }

  /** A [N, D] float64 tensor of the data (the caller closes it). */
  static TFloat64 tensor(double[][] data) {
    int n = data.length;
    int d = data[0].length;
    double[] flat = new double[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(data[i], 0, flat, i * d, d);
    }
    return TFloat64.tensorOf(Shape.of(n, d), DataBuffers.of(flat, true, false));
  }

  private static double[] values(TFloat64 t) {
    double[] out = new double[(int) t.shape().size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  private static double[][] reshape(double[] v, int rows, int cols) {
    double[][] out = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(v, i * cols, out[i], 0, cols);
    }
    return out;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }

  static List<CovarianceType> all() {
    return List.of(CovarianceType.values());
  }
}
