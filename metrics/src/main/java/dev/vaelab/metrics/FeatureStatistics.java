package dev.vaelab.metrics;

/**
 * The mean μ and covariance Σ of a set of feature vectors — what the Fréchet distance compares. Σ is the unbiased
 * sample covariance, Σ = 1/(n − 1) Σ_i (x_i − μ)(x_i − μ)ᵀ (as {@code numpy.cov} and the reference FID code compute it),
 * accumulated in double precision.
 *
 * @param mean μ, d values
 * @param covariance Σ, d × d, row-major
 * @param count n, the number of vectors
 */
public record FeatureStatistics(double[] mean, double[][] covariance, int count) {
  /**
   * The statistics of the rows of {@code x} (n × d).
   *
   * @throws IllegalArgumentException for fewer than 2 rows, rows of different widths or a non-finite value
   */
  public static FeatureStatistics of(double[][] x) {
    Vectors.requireMatrix(x, "features", 2);
    int n = x.length;
    int d = x[0].length;
    double[] mu = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mu[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mu[j] /= n;
    }
    double[][] cov = new double[d][d];
    double[] c = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        c[j] = row[j] - mu[j];
      }
      for (int a = 0; a < d; a++) {
        double ca = c[a];
        double[] out = cov[a];
        for (int b = a; b < d; b++) {
          out[b] += ca * c[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        cov[a][b] /= n - 1;
        cov[b][a] = cov[a][b];
      }
    }
    return new FeatureStatistics(mu, cov, n);
  }

  /** d, the dimension of the features. */
  public int dimension() {
    return mean.length;
  }
}
