package dev.vaelab.gmm;

/** Small dense linear algebra on D × D covariances, in double precision. */
final class Cholesky {
  private Cholesky() {}

  /**
   * Lower-triangular L with Σ = L Lᵀ.
   *
   * @throws IllegalStateException if Σ is not positive definite
   */
  static double[][] lower(double[][] s, int component) {
    int d = s.length;
    double[][] l = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double v = s[i][j];
        for (int k = 0; k < j; k++) {
          v -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(v > 0)) {
            throw new IllegalStateException(
                "covariance of component " + component + " is not positive definite (pivot " + v
                    + "); increase the covariance regularisation");
          }
          l[i][i] = Math.sqrt(v);
        } else {
          l[i][j] = v / l[j][j];
        }
      }
    }
    return l;
  }

  /** P = L⁻ᵀ (upper triangular), so that (y − μ)ᵀ Σ⁻¹ (y − μ) = ‖(y − μ)ᵀ P‖². */
  static double[][] precisionFactor(double[][] l) {
    int d = l.length;
    double[][] inv = new double[d][d]; // L⁻¹, lower triangular
    for (int c = 0; c < d; c++) {
      for (int i = c; i < d; i++) {
        double v = i == c ? 1 : 0;
        for (int k = c; k < i; k++) {
          v -= l[i][k] * inv[k][c];
        }
        inv[i][c] = v / l[i][i];
      }
    }
    double[][] p = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        p[i][j] = inv[j][i];
      }
    }
    return p;
  }

  /** ln |Σ| = 2 Σ ln L_ii. */
  static double logDet(double[][] l) {
    double s = 0;
    for (int i = 0; i < l.length; i++) {
      s += 2 * Math.log(l[i][i]);
    }
    return s;
  }

  /** tr(Σ⁻¹ S) with Σ = L Lᵀ. */
  static double traceOfInverseTimes(double[][] l, double[][] s) {
    double[][] p = precisionFactor(l); // Σ⁻¹ = P Pᵀ
    int d = l.length;
    double t = 0;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double sinv = 0;
        for (int k = 0; k < d; k++) {
          sinv += p[i][k] * p[j][k];
        }
        t += sinv * s[j][i];
      }
    }
    return t;
  }
}
