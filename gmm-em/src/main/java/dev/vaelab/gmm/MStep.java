package dev.vaelab.gmm;

import dev.vaelab.core.math.Constants;

/**
 * The closed-form M-step: with the encoder q held at the exact posterior, maximise the ELBO over
 * the prior λ and the decoder (μ, Σ):
 *
 * <pre>
 *   N_n = Σ_y q(n|y),   λ_n = N_n / N,   μ_n = Σ_y q(n|y) y / N_n
 *   S_n = Σ_y q(n|y) (y − μ_n)(y − μ_n)ᵀ
 *   FULL: Σ_n = S_n / N_n + r I     DIAGONAL: diag(S_n) / N_n + r     SPHERICAL: mean_i(S_n,ii / N_n + r)
 *   TIED: Σ = Σ_n S_n / N + r I
 * </pre>
 *
 * A component whose N_n falls below {@link #MIN_COUNT} keeps its previous mean and covariance and
 * gets a weight of ~0 (floored at {@link #MIN_WEIGHT} so ln λ stays finite): the fit never
 * produces NaN parameters.
 */
final class MStep {
  /** Responsibility mass below which a component counts as empty. */
  static final double MIN_COUNT = 1e-8;
  /** Smallest weight kept (so ln λ is finite). */
  static final double MIN_WEIGHT = 1e-300;

  private MStep() {}

  static MixtureParameters apply(
      double[] counts, double[][] newMeans, double[][][] scatter, int n, CovarianceType type, double reg, MixtureParameters previous) {
    int k = counts.length;
    int d = newMeans[0].length;
    double[] w = new double[k];
    double[][] mu = new double[k][];
    double[][][] cov = new double[k][][];
    double[][] tied = null;
    if (type == CovarianceType.TIED) {
      tied = new double[d][d];
      for (int c = 0; c < k; c++) {
        for (int i = 0; i < d; i++) {
          for (int j = 0; j < d; j++) {
            tied[i][j] += scatter[c][i][j] / n;
          }
        }
      }
      for (int i = 0; i < d; i++) {
        tied[i][i] += reg;
      }
    }
    double wsum = 0;
    for (int c = 0; c < k; c++) {
      w[c] = Math.max(MIN_WEIGHT, counts[c] / n);
      wsum += w[c];
      boolean empty = counts[c] < MIN_COUNT;
      if (empty && previous != null) {
        mu[c] = previous.means()[c].clone();
        cov[c] = copy(previous.covariances()[c]);
        continue;
      }
      mu[c] = newMeans[c].clone();
      double nk = counts[c] + EmGraph.EPS;
      cov[c] = new double[d][d];
      switch (type) {
        case FULL -> {
          for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
              cov[c][i][j] = scatter[c][i][j] / nk;
            }
            cov[c][i][i] += reg;
          }
        }
        case DIAGONAL -> {
          for (int i = 0; i < d; i++) {
            cov[c][i][i] = scatter[c][i][i] / nk + reg;
          }
        }
        case SPHERICAL -> {
          double v = 0;
          for (int i = 0; i < d; i++) {
            v += scatter[c][i][i] / nk + reg;
          }
          for (int i = 0; i < d; i++) {
            cov[c][i][i] = v / d;
          }
        }
        case TIED -> cov[c] = copy(tied);
      }
    }
    for (int c = 0; c < k; c++) {
      w[c] /= wsum;
    }
    return new MixtureParameters(w, mu, cov);
  }

  /**
   * ELBO(q, θ) per example for the q that produced the statistics and the parameters θ that the
   * M-step made from them, in closed form:
   *
   * <pre>
   *   [ Σ_n N_n ln λ_n − ½ Σ_n (N_n (D ln 2π + ln|Σ_n|) + tr(Σ_n⁻¹ S_n)) + H(q) ] / N
   * </pre>
   */
  static double elbo(double[] counts, double[][][] scatter, double entropySum, int n, MixtureParameters p) {
    int d = p.dimension();
    double s = entropySum;
    for (int c = 0; c < counts.length; c++) {
      double[][] l = Cholesky.lower(p.covariances()[c], c);
      s += counts[c] * Math.log(p.weights()[c]);
      s -= 0.5 * (counts[c] * (d * Constants.LN_2PI + Cholesky.logDet(l)) + Cholesky.traceOfInverseTimes(l, scatter[c]));
    }
    return s / n;
  }

  /** Parameters from given responsibilities r (N × K), computed in plain Java. */
  static MixtureParameters fromResponsibilities(double[][] x, double[][] r, CovarianceType type, double reg, double[][] fallbackMeans, double[] dataVariance) {
    int n = x.length;
    int d = x[0].length;
    int k = r[0].length;
    double[] counts = new double[k];
    double[][] means = new double[k][d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        counts[c] += r[i][c];
        for (int j = 0; j < d; j++) {
          means[c][j] += r[i][c] * x[i][j];
        }
      }
    }
    normalise(means, counts);
    // the scatter about the new means; the diagonal types need only its diagonal, the others use its symmetry
    boolean diagonalOnly = type == CovarianceType.DIAGONAL || type == CovarianceType.SPHERICAL;
    double[][][] scatter = new double[k][d][d];
    double[] da = new double[d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        if (r[i][c] != 0) {
          addOuter(scatter[c], x[i], means[c], r[i][c], diagonalOnly, da);
        }
      }
    }
    return finish(counts, means, scatter, n, type, reg, fallbackMeans, dataVariance);
  }

  /** μ_c = (Σ r y) / (N_c + ε), in place. */
  private static void normalise(double[][] sums, double[] counts) {
    for (int c = 0; c < counts.length; c++) {
      for (int j = 0; j < sums[c].length; j++) {
        sums[c][j] /= counts[c] + EmGraph.EPS;
      }
    }
  }

  /** S += r (y − μ)(y − μ)ᵀ: the diagonal only, or the upper triangle (mirrored by {@link #finish}). */
  private static void addOuter(double[][] sc, double[] y, double[] mean, double r, boolean diagonalOnly, double[] da) {
    int d = y.length;
    for (int a = 0; a < d; a++) {
      da[a] = y[a] - mean[a];
    }
    for (int a = 0; a < d; a++) {
      double ra = r * da[a];
      if (diagonalOnly) {
        sc[a][a] += ra * da[a];
      } else {
        double[] row = sc[a];
        for (int b = a; b < d; b++) {
          row[b] += ra * da[b];
        }
      }
    }
  }

  /** Mirrors the scatter's upper triangle, then the M-step with empty components started at a data point with the data's variance. */
  private static MixtureParameters finish(double[] counts, double[][] means, double[][][] scatter, int n, CovarianceType type, double reg,
      double[][] fallbackMeans, double[] dataVariance) {
    int k = counts.length;
    int d = means[0].length;
    if (type != CovarianceType.DIAGONAL && type != CovarianceType.SPHERICAL) {
      for (double[][] sc : scatter) {
        for (int a = 0; a < d; a++) {
          for (int b = 0; b < a; b++) {
            sc[a][b] = sc[b][a];
          }
        }
      }
    }
    double[][][] fallbackCov = new double[k][d][d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        fallbackCov[c][j][j] = dataVariance[j] + reg;
      }
    }
    return apply(counts, means, scatter, n, type, reg, new MixtureParameters(uniform(k), fallbackMeans, fallbackCov));
  }

  /**
   * As {@link #fromResponsibilities} for hard labels (r one-hot: r_ic = 1 for c = labels[i]),
   * without the N × K matrix: the same sums in the same order, O(N·D) for the diagonal types and
   * O(N·D²/2) for the others.
   */
  static MixtureParameters fromLabels(double[][] x, int[] labels, int k, CovarianceType type, double reg, double[][] fallbackMeans, double[] dataVariance) {
    int n = x.length;
    int d = x[0].length;
    double[] counts = new double[k];
    double[][] means = new double[k][d];
    for (int i = 0; i < n; i++) {
      int c = labels[i];
      counts[c] += 1;
      double[] m = means[c];
      double[] row = x[i];
      for (int j = 0; j < d; j++) {
        m[j] += row[j];
      }
    }
    normalise(means, counts);
    boolean diagonalOnly = type == CovarianceType.DIAGONAL || type == CovarianceType.SPHERICAL;
    double[][][] scatter = new double[k][d][d];
    double[] da = new double[d];
    for (int i = 0; i < n; i++) {
      addOuter(scatter[labels[i]], x[i], means[labels[i]], 1.0, diagonalOnly, da);
    }
    return finish(counts, means, scatter, n, type, reg, fallbackMeans, dataVariance);
  }

  static double[] uniform(int k) {
    double[] w = new double[k];
    java.util.Arrays.fill(w, 1.0 / k);
    return w;
  }

  private static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }
}
