package dev.vaelab.gmm;

import java.util.List;
import java.util.Random;
import org.tensorflow.types.TFloat64;

/**
 * A fitted Gaussian mixture: parameters, the EM trace, and what can be done with it.
 *
 * @param config the settings used
 * @param parameters λ, μ, Σ after the last M-step
 * @param trace one entry per EM iteration of the best restart
 * @param iterations number of EM iterations of the best restart
 * @param converged whether the tolerance was met before the iteration cap
 * @param trainLogLikelihood mean ln p(y) per example on the training data at the final parameters
 * @param restartLogLikelihoods final mean log-likelihood of every restart
 */
public record GaussianMixtureFit(
    GaussianMixtureConfig config,
    MixtureParameters parameters,
    List<EmIteration> trace,
    int iterations,
    boolean converged,
    double trainLogLikelihood,
    List<Double> restartLogLikelihoods) {

  /** ln p(y) of every row. */
  public double[] logLikelihoods(double[][] x) {
    check(x);
    double[] out = new double[x.length];
    try (EmGraph g = graph(); TFloat64 t = EmGraph.tensor(x)) {
      g.logResponsibilities(t, parameters, out);
    }
    return out;
  }

  /** Mean ln p(y) per example (scikit-learn's {@code score}). */
  public double score(double[][] x) {
    double s = 0;
    for (double v : logLikelihoods(x)) {
      s += v;
    }
    return s / x.length;
  }

  /** The exact posterior P(z = n | y) of every row, N × K (scikit-learn's {@code predict_proba}). */
  public double[][] predictProba(double[][] x) {
    check(x);
    try (EmGraph g = graph(); TFloat64 t = EmGraph.tensor(x)) {
      double[][] lr = g.logResponsibilities(t, parameters, null);
      for (double[] row : lr) {
        for (int c = 0; c < row.length; c++) {
          row[c] = Math.exp(row[c]);
        }
      }
      return lr;
    }
  }

  /** The most probable component of every row. */
  public int[] predict(double[][] x) {
    double[][] p = predictProba(x);
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      int best = 0;
      for (int c = 1; c < p[i].length; c++) {
        if (p[i][c] > p[i][best]) {
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /** Ancestral samples and the components they came from. */
  public record Samples(double[][] values, int[] components) {}

  /** Ancestral sampling: z ~ P_pri = Categorical(λ), then y ~ P_dec(y|z) = N(μ_z, Σ_z). */
  public Samples sample(int n, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("number of samples must be >= 1, got " + n);
    }
    Random random = new Random(seed);
    int k = parameters.components();
    int d = parameters.dimension();
    double[][][] chol = new double[k][][];
    for (int c = 0; c < k; c++) {
      chol[c] = Cholesky.lower(parameters.covariances()[c], c);
    }
    double[][] y = new double[n][d];
    int[] z = new int[n];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      int c = 0;
      while (c < k - 1 && (u -= parameters.weights()[c]) >= 0) {
        c++;
      }
      z[i] = c;
      double[] eps = new double[d];
      for (int j = 0; j < d; j++) {
        eps[j] = random.nextGaussian();
      }
      for (int a = 0; a < d; a++) {
        double s = parameters.means()[c][a];
        for (int b = 0; b <= a; b++) {
          s += chol[c][a][b] * eps[b];
        }
        y[i][a] = s;
      }
    }
    return new Samples(y, z);
  }

  /** Free parameters: (K − 1) weights, K·D means, and the covariance parameters. */
  public long parameterCount() {
    int k = parameters.components();
    int d = parameters.dimension();
    return (k - 1) + (long) k * d + config.covarianceType().parameterCount(k, d);
  }

  /** Bayesian information criterion −2 ln L + p ln N on {@code x} (lower is better). */
  public double bic(double[][] x) {
    return -2 * score(x) * x.length + parameterCount() * Math.log(x.length);
  }

  /** Akaike information criterion −2 ln L + 2p on {@code x}. */
  public double aic(double[][] x) {
    return -2 * score(x) * x.length + 2.0 * parameterCount();
  }

  private EmGraph graph() {
    return new EmGraph(parameters.components(), parameters.dimension(), config.covarianceType());
  }

  private void check(double[][] x) {
    DataChecks.validate(x, "data");
    if (x[0].length != parameters.dimension()) {
      throw new IllegalArgumentException("data has dimension " + x[0].length + ", the mixture " + parameters.dimension());
    }
  }
}
