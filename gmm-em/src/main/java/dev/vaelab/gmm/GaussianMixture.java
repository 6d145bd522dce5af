package dev.vaelab.gmm;

import dev.vaelab.core.cluster.KMeans;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fits a Gaussian mixture p(y) = Σ_n λ_n N(y | μ_n, Σ_n) by EM, written as note 000's alternating
 * optimisation of the ELBO over the triad:
 *
 * <pre>
 *   P_pri(z = n) = λ_n          (prior: categorical)
 *   P_dec(y | z = n) = N(μ_n, Σ_n)   (decoder)
 *   P_enc(z | y) = P_pri,dec(z | y)  (encoder: the exact posterior, the responsibilities)
 *
 *   E-step: enc ← the exact posterior of (pri, dec); the KL gap closes, ELBO = ln p(y)
 *   M-step: (pri, dec) ← argmax ELBO with enc held fixed, in closed form ({@code MStep})
 * </pre>
 *
 * The E-step and the M-step statistics run as one float64 TensorFlow graph over blocks of rows
 * ({@code EmGraph}, covariance-specific); the D × D algebra (Cholesky factors, the closed-form parameters) is done in
 * Java. The log-likelihood never decreases from one iteration to the next.
 *
 * <pre>{@code
 * GaussianMixtureFit fit = new GaussianMixture(GaussianMixtureConfig.of(3)
 *     .withCovarianceType(CovarianceType.DIAGONAL)).fit(points);
 * double[][] resp = fit.predictProba(points);
 * }</pre>
 */
public final class GaussianMixture {
  private final GaussianMixtureConfig config;

  public GaussianMixture(GaussianMixtureConfig config) {
    this.config = config;
  }

  /** Fits the mixture to the rows of {@code x} (N × D, finite). */
  public GaussianMixtureFit fit(double[][] x) {
    DataChecks.validate(x, "training data");
    int n = x.length;
    int d = x[0].length;
    int k = config.components();
    if (k > n) {
      throw new IllegalArgumentException(
          "number of components K = " + k + " is larger than the number of points N = " + n);
    }
    if (config.initialization() == Initialization.GIVEN && config.initialParameters().dimension() != d) {
      throw new IllegalArgumentException(
          "initialParameters have dimension " + config.initialParameters().dimension() + ", data has " + d);
    }
    GaussianMixtureFit best = null;
    List<Double> restartLogLikelihoods = new ArrayList<>();
    try (EmGraph graph = new EmGraph(k, d, config.covarianceType()); EmGraph.Data data = graph.data(x)) {
      for (int r = 0; r < config.restarts(); r++) {
        Random random = new Random(config.seed() * 1_000_003L + r);
        MixtureParameters params = initial(x, random);
        List<EmIteration> trace = new ArrayList<>();
        double previousLl = Double.NaN;
        double elboBefore = Double.NaN;
        boolean converged = false;
        for (int t = 1; t <= config.maxIterations(); t++) {
          EmGraph.Step s = graph.run(data, params, true);
          double ll = s.sumLogLikelihood() / n;
          if (!Double.isFinite(ll)) {
            throw new IllegalStateException("EM iteration " + t + " gave a non-finite log-likelihood " + ll);
          }
          trace.add(new EmIteration(t, ll, elboBefore, -(s.rateSum() + s.distortionSum()) / n, s.rateSum() / n, s.distortionSum() / n));
          MixtureParameters next =
              MStep.apply(s.counts(), s.newMeans(), s.scatter(), n, config.covarianceType(), config.regularization(), params);
          elboBefore = MStep.elbo(s.counts(), s.scatter(), s.entropySum(), n, next);
          params = next;
          if (t > 1 && Math.abs(ll - previousLl) < config.tolerance()) {
            converged = true;
            break;
          }
          previousLl = ll;
        }
        double finalLl = graph.run(data, params, false).sumLogLikelihood() / n;
        restartLogLikelihoods.add(finalLl);
        if (best == null || finalLl > best.trainLogLikelihood()) {
          best = new GaussianMixtureFit(config, params, List.copyOf(trace), trace.size(), converged, finalLl, List.of());
        }
      }
    }
    return new GaussianMixtureFit(
        config, best.parameters(), best.trace(), best.iterations(), best.converged(), best.trainLogLikelihood(),
        List.copyOf(restartLogLikelihoods));
  }

  private MixtureParameters initial(double[][] x, Random random) {
    int n = x.length;
    int d = x[0].length;
    int k = config.components();
    switch (config.initialization()) {
      case GIVEN:
        return config.initialParameters();
      case RANDOM_RESPONSIBILITIES: {
        double[][] r = new double[n][k];
        for (int i = 0; i < n; i++) {
          double s = 0;
          for (int c = 0; c < k; c++) {
            r[i][c] = random.nextDouble();
            s += r[i][c];
          }
          for (int c = 0; c < k; c++) {
            r[i][c] /= s;
          }
        }
        return MStep.fromResponsibilities(x, r, config.covarianceType(), config.regularization(), fallbackMeans(x, random), DataChecks.variance(x));
      }
      case KMEANS_PLUS_PLUS:
      default: {
        int[] labels = KMeans.labels(x, k, random);
        return MStep.fromLabels(x, labels, k, config.covarianceType(), config.regularization(), fallbackMeans(x, random), DataChecks.variance(x));
      }
    }
  }

  private double[][] fallbackMeans(double[][] x, Random random) {
    double[][] m = new double[config.components()][];
    for (int c = 0; c < m.length; c++) {
      m[c] = x[random.nextInt(x.length)].clone();
    }
    return m;
  }
}
