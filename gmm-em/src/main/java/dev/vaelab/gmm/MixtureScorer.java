package dev.vaelab.gmm;

/**
 * The E-step of {@code EmGraph} for a few rows in plain Java, for callers that score one row at a
 * time (serving): no tensors, no session run, no allocation beyond the result. The same formulas
 * and the same precomputed feeds as the graph:
 *
 * <pre>
 *   ln p(y, z = n) = c_n − ½ m_n(y)
 *   FULL:  m_n(y) = Σ_j (Σ_{i ≤ j} y_i P_n[i][j] − (μ_n P_n)_j)²    (P_n = L_n⁻ᵀ is upper triangular)
 *   TIED:  m_n(y) = ‖y P − μ_n P‖²
 *   DIAGONAL / SPHERICAL: m_n(y) = Σ_i (y_i² − 2 y_i μ_ni) / σ²_ni     (Σ μ²/σ² folded into c_n)
 *   ln p(y) = logsumexp_n ln p(y, z = n),   ln q(n | y) = ln p(y, z = n) − ln p(y)
 * </pre>
 *
 * Immutable, so safe for any number of concurrent callers.
 */
final class MixtureScorer {
  private final int k;
  private final int d;
  private final CovarianceType type;
  private final double[] coefficient; // c_n
  private final double[] b; // μP (FULL: [K*D], TIED: [K, D]); unused for the diagonal form
  private final double[] factor; // FULL: per component P_nᵀ row-major [K][j][i]; TIED: Pᵀ [j][i]; else [−2μ/σ² ; 1/σ²] as [2D, K]

  MixtureScorer(MixtureParameters p, CovarianceType type) {
    this.k = p.components();
    this.d = p.dimension();
    this.type = EmGraph.formFits(p, type) ? type : CovarianceType.FULL;
    EmGraph.Feeds f = EmGraph.feeds(p, this.type);
    this.coefficient = f.logCoefficient();
    this.b = f.b();
    if (this.type == CovarianceType.FULL) {
      factor = new double[k * d * d];
      for (int n = 0; n < k; n++) {
        for (int i = 0; i < d; i++) {
          for (int j = 0; j < d; j++) {
            factor[(n * d + j) * d + i] = f.a()[i * k * d + n * d + j];
          }
        }
      }
    } else if (this.type == CovarianceType.TIED) {
      factor = new double[d * d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          factor[j * d + i] = f.a()[i * d + j];
        }
      }
    } else {
      factor = f.a();
    }
  }

  /** Writes ln q(n | y) of {@code y} into {@code logResp} (length K) and returns ln p(y). */
  double logResponsibilities(double[] y, double[] logResp) {
    if (y.length != d) {
      throw new IllegalArgumentException("row has " + y.length + " values, the mixture dimension " + d);
    }
    switch (type) {
      case FULL -> {
        for (int n = 0; n < k; n++) {
          double m = 0;
          int base = n * d * d;
          for (int j = 0; j < d; j++) {
            double s = -b[n * d + j];
            int row = base + j * d;
            for (int i = 0; i <= j; i++) {
              s += y[i] * factor[row + i];
            }
            m += s * s;
          }
          logResp[n] = coefficient[n] - 0.5 * m;
        }
      }
      case TIED -> {
        double[] proj = new double[d];
        for (int j = 0; j < d; j++) {
          double s = 0;
          int row = j * d;
          for (int i = 0; i <= j; i++) {
            s += y[i] * factor[row + i];
          }
          proj[j] = s;
        }
        for (int n = 0; n < k; n++) {
          double m = 0;
          for (int j = 0; j < d; j++) {
            double t = proj[j] - b[n * d + j];
            m += t * t;
          }
          logResp[n] = coefficient[n] - 0.5 * m;
        }
      }
      default -> {
        for (int n = 0; n < k; n++) {
          double m = 0;
          for (int j = 0; j < d; j++) {
            m += y[j] * factor[j * k + n] + (y[j] * y[j]) * factor[(d + j) * k + n];
          }
          logResp[n] = coefficient[n] - 0.5 * m;
        }
      }
    }
    double logNorm = dev.vaelab.core.math.LogSumExp.logSumExp(logResp);
    for (int n = 0; n < k; n++) {
      logResp[n] -= logNorm;
    }
    return logNorm;
  }
}
