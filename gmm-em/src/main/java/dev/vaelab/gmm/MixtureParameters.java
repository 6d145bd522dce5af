package dev.vaelab.gmm;

/**
 * Parameters of a Gaussian mixture p(y) = Σ_n λ_n N(y | μ_n, Σ_n): the prior P_pri(z = n) = λ_n
 * and the decoder P_dec(y | z = n) = N(μ_n, Σ_n). Covariances are stored as full D × D matrices
 * whatever the {@link CovarianceType} (zeros off the diagonal for diagonal and spherical ones).
 *
 * @param weights λ, K values summing to 1
 * @param means μ, K × D
 * @param covariances Σ, K × D × D, symmetric positive definite
 */
public record MixtureParameters(double[] weights, double[][] means, double[][][] covariances) implements java.io.Serializable {

  public MixtureParameters {
    int k = weights.length;
    if (k < 1 || means.length != k || covariances.length != k) {
      throw new IllegalArgumentException(
          "mixture needs K >= 1 weights, means and covariances of equal count, got " + weights.length + ", "
              + means.length + ", " + covariances.length);
    }
    int d = means[0].length;
    double sum = 0;
    for (int n = 0; n < k; n++) {
      if (!(weights[n] >= 0) || Double.isInfinite(weights[n])) {
        throw new IllegalArgumentException("weight " + n + " is " + weights[n] + ", expected a probability");
      }
      sum += weights[n];
      if (means[n].length != d || covariances[n].length != d) {
        throw new IllegalArgumentException("component " + n + " does not have dimension " + d);
      }
      for (int i = 0; i < d; i++) {
        if (!Double.isFinite(means[n][i])) {
          throw new IllegalArgumentException("mean " + n + " has a non-finite entry " + means[n][i]);
        }
        if (covariances[n][i].length != d) {
          throw new IllegalArgumentException("covariance " + n + " is not " + d + " x " + d);
        }
      }
    }
    if (Math.abs(sum - 1) > 1e-6) {
      throw new IllegalArgumentException("weights sum to " + sum + ", expected 1");
    }
  }

  /** K. */
  public int components() {
    return weights.length;
  }

  /** D. */
  public int dimension() {
    return means[0].length;
  }

  /** Standard deviation √Σ_n[i][i]. */
  public double standardDeviation(int n, int i) {
    return Math.sqrt(covariances[n][i][i]);
  }
}
