package dev.vaelab.gmm;

import java.io.Serializable;

/**
 * The sufficient statistics of one EM iteration over any subset of the data, to be summed over
 * subsets (partitions of a distributed data set, say) and turned into the next parameters by
 * {@link #mStep}: with r_n(y) = q(n | y) the responsibilities under the current parameters,
 *
 * <pre>
 *   N_n = Σ_y r_n(y),   s_n = Σ_y r_n(y) y,   C_n = Σ_y r_n(y) (y − c)(y − c)ᵀ   (c: a fixed centre, the data mean)
 *   L = Σ_y ln p(y),    H = −Σ_y Σ_n r_n(y) ln r_n(y)
 * </pre>
 *
 * and the M-step's scatter about the new means μ_n = s_n / N_n is C_n − a_n δ_nᵀ − δ_n a_nᵀ + N_n δ_n δ_nᵀ with
 * δ_n = μ_n − c and a_n = s_n − N_n c — exactly what gmm-em's single-machine graph computes (same centre, same
 * correction), so a fit from these statistics follows the single-machine fit to rounding. Diagonal and spherical
 * forms keep only the diagonal of C_n, the others its upper triangle (C_n is symmetric). The E-step per
 * row is gmm-em's own ({@code MixtureScorer}).
 */
public final class EmStatistics implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int k;
  private final int d;
  private final CovarianceType type;
  private final double[] centre;
  private final boolean diagonal;
  private final double[] nk;
  private final double[] sx;
  private final double[] sc;
  private double logLikelihood;
  private double entropy;
  private long rows;

  /** Empty statistics of a K-component mixture in D dimensions, about the centre {@code centre}. */
  public EmStatistics(int k, int d, CovarianceType type, double[] centre) {
    if (centre.length != d) {
      throw new IllegalArgumentException("centre has " + centre.length + " values, expected " + d);
    }
    this.k = k;
    this.d = d;
    this.type = type;
    this.centre = centre.clone();
    this.diagonal = type == CovarianceType.DIAGONAL || type == CovarianceType.SPHERICAL;
    this.nk = new double[k];
    this.sx = new double[k * d];
    this.sc = new double[diagonal ? k * d : k * d * d];
  }

  /** Statistics already summed (by {@link EmGraph#statistics}); the arrays are taken, not copied. */
  EmStatistics(int k, int d, CovarianceType type, double[] centre, double[] nk, double[] sx, double[] sc, double logLikelihood, double entropy,
      long rows) {
    this(k, d, type, centre);
    if (nk.length != this.nk.length || sx.length != this.sx.length || sc.length != this.sc.length) {
      throw new IllegalArgumentException("statistics of the wrong shape");
    }
    System.arraycopy(nk, 0, this.nk, 0, nk.length);
    System.arraycopy(sx, 0, this.sx, 0, sx.length);
    System.arraycopy(sc, 0, this.sc, 0, sc.length);
    this.logLikelihood = logLikelihood;
    this.entropy = entropy;
    this.rows = rows;
  }

  /** A scorer of rows under {@code p} (not serializable: make one per partition). */
  public static Scorer scorer(MixtureParameters p, CovarianceType type) {
    return new Scorer(new MixtureScorer(p, type), p.components());
  }

  /** The E-step of gmm-em for one row at a time. */
  public static final class Scorer {
    private final MixtureScorer scorer;
    private final double[] logResp;

    private Scorer(MixtureScorer scorer, int k) {
      this.scorer = scorer;
      this.logResp = new double[k];
    }
  }

  /** Adds one row's contribution (its responsibilities under the scorer's parameters); returns this. */
  public EmStatistics add(double[] y, Scorer s) {
    double ll = s.scorer.logResponsibilities(y, s.logResp);
    logLikelihood += ll;
    rows++;
    for (int n = 0; n < k; n++) {
      double lr = s.logResp[n];
      double r = Math.exp(lr);
      if (r > 0) {
        entropy -= r * lr;
      }
      nk[n] += r;
      for (int i = 0; i < d; i++) {
        double ci = y[i] - centre[i];
        sx[n * d + i] += r * y[i];
        if (diagonal) {
          sc[n * d + i] += r * ci * ci;
        } else {
          int row = (n * d + i) * d;
          double rci = r * ci;
          for (int j = i; j < d; j++) { // the upper triangle; scatter() mirrors it
            sc[row + j] += rci * (y[j] - centre[j]);
          }
        }
      }
    }
    return this;
  }

  /**
   * Adds one row with a hard assignment to component {@code c} (responsibility 1 there, 0 elsewhere):
   * the statistics from which {@link #mStep} gives the parameters of a k-means clustering, as
   * gmm-em starts EM from one. Not counted in the log-likelihood; returns this.
   */
  public EmStatistics addHard(double[] y, int c) {
    if (c < 0 || c >= k) {
      throw new IllegalArgumentException("component index must be in 0.." + (k - 1) + ", got " + c);
    }
    rows++;
    nk[c] += 1;
    for (int i = 0; i < d; i++) {
      double ci = y[i] - centre[i];
      sx[c * d + i] += y[i];
      if (diagonal) {
        sc[c * d + i] += ci * ci;
      } else {
        int row = (c * d + i) * d;
        for (int j = i; j < d; j++) { // the upper triangle; scatter() mirrors it
          sc[row + j] += ci * (y[j] - centre[j]);
        }
      }
    }
    return this;
  }

  /** The index of the centre nearest to {@code y} (squared Euclidean distance; the first of ties). */
  public static int nearest(double[] y, double[][] centres) {
    int best = 0;
    double bestD = Double.POSITIVE_INFINITY;
    for (int c = 0; c < centres.length; c++) {
      double s = 0;
      for (int i = 0; i < y.length; i++) {
        double t = y[i] - centres[c][i];
        s += t * t;
      }
      if (s < bestD) {
        bestD = s;
        best = c;
      }
    }
    return best;
  }

  /** Adds {@code other}'s sums to these; returns this. */
  public EmStatistics merge(EmStatistics other) {
    if (other.k != k || other.d != d || other.diagonal != diagonal) {
      throw new IllegalArgumentException("statistics of different shapes cannot be merged");
    }
    for (int i = 0; i < nk.length; i++) {
      nk[i] += other.nk[i];
    }
    for (int i = 0; i < sx.length; i++) {
      sx[i] += other.sx[i];
    }
    for (int i = 0; i < sc.length; i++) {
      sc[i] += other.sc[i];
    }
    logLikelihood += other.logLikelihood;
    entropy += other.entropy;
    rows += other.rows;
    return this;
  }

  /** Rows added. */
  public long rows() {
    return rows;
  }

  /** Σ ln p(y) over the rows. */
  public double logLikelihoodSum() {
    return logLikelihood;
  }

  /** −Σ_y Σ_n r_n(y) ln r_n(y), the entropy of the responsibilities summed over the rows. */
  public double entropySum() {
    return entropy;
  }

  /**
   * The rate per row after the E-step, KL(q(n|y) ‖ λ) averaged: (Σ_n N_n ln(1/λ_n) − H) / N under the
   * weights λ that scored the rows; the distortion is then −ln p(y) − rate, as gmm-em's trace has it.
   */
  public double rate(MixtureParameters scoredUnder) {
    double s = -entropy;
    for (int n = 0; n < k; n++) {
      s -= nk[n] * Math.log(scoredUnder.weights()[n]);
    }
    return s / rows;
  }

  /**
   * ELBO(q, θ') per row for these responsibilities q and the parameters θ' = {@link #mStep} made from
   * them (gmm-em's closed form, {@code MStep.elbo}): the "ELBO before the next E-step" of the trace.
   */
  public double elboAfterMStep(MixtureParameters next) {
    return MStep.elbo(nk, scatter(), entropy, Math.toIntExact(rows), next);
  }

  /** The M-step: the next parameters, by gmm-em's own closed form (regularisation, empty components, weights). */
  public MixtureParameters mStep(double regularization, MixtureParameters previous) {
    return MStep.apply(nk.clone(), means(), scatter(), Math.toIntExact(rows), type, regularization, previous);
  }

  private double[][] means() {
    double[][] means = new double[k][d];
    for (int n = 0; n < k; n++) {
      double denominator = nk[n] + EmGraph.EPS;
      for (int i = 0; i < d; i++) {
        means[n][i] = sx[n * d + i] / denominator;
      }
    }
    return means;
  }

  /** Each component's scatter about its new mean, from the sums about the centre. */
  private double[][][] scatter() {
    double[][] means = means();
    double[][][] s = new double[k][d][d];
    for (int n = 0; n < k; n++) {
      double[] delta = new double[d];
      double[] a = new double[d];
      for (int i = 0; i < d; i++) {
        delta[i] = means[n][i] - centre[i];
        a[i] = sx[n * d + i] - nk[n] * centre[i];
      }
      if (diagonal) {
        for (int i = 0; i < d; i++) {
          s[n][i][i] = sc[n * d + i] - 2 * a[i] * delta[i] + nk[n] * delta[i] * delta[i];
        }
      } else {
        for (int i = 0; i < d; i++) {
          for (int j = i; j < d; j++) {
            s[n][i][j] = sc[(n * d + i) * d + j] - a[i] * delta[j] - delta[i] * a[j] + nk[n] * delta[i] * delta[j];
            s[n][j][i] = s[n][i][j];
          }
        }
      }
    }
    return s;
  }
}
