package dev.vaelab.gmm;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.model.PriorFactory;
import dev.vaelab.core.sample.FittedSampler;

/**
 * Ex-post density estimation (Ghosh et al. 2019, "From variational to deterministic autoencoders"):
 * after training, a Gaussian mixture is fitted by EM to the posterior means E_q[z|y] of the training
 * set, and new latents are drawn from it instead of from the prior — which the aggregate posterior
 * of a trained VAE often does not fill. Saved and reloaded as the mixture's parameters ({@link
 * MixtureJson}).
 */
public final class PostHocMixtureSampler implements FittedSampler {
  private final GaussianMixtureFit mixture;

  /** A sampler drawing from a fitted mixture. */
  public PostHocMixtureSampler(GaussianMixtureFit mixture) {
    this.mixture = mixture;
  }

  /**
   * Encodes every training example and fits a K-component mixture of the given covariance type
   * to the posterior means.
   */
  public static PostHocMixtureSampler fit(ModelGraph graph, Dataset train, int components, CovarianceType type, long seed) {
    int d = (int) graph.model().latentSize();
    float[] flat = graph.encodeMeans(train, train.size(), Evaluator.DEFAULT_BATCH);
    double[][] means = new double[train.size()][d];
    for (int i = 0; i < means.length; i++) {
      for (int j = 0; j < d; j++) {
        means[i][j] = flat[i * d + j];
      }
    }
    GaussianMixtureConfig cfg = GaussianMixtureConfig.of(components).withCovarianceType(type).withTolerance(1e-6).withSeed(seed);
    return new PostHocMixtureSampler(new GaussianMixture(cfg).fit(means));
  }

  /** Saves the fitted mixture (reload with {@link #load}). */
  @Override
  public void save(java.nio.file.Path file) {
    MixtureJson.write(file, mixture.config().covarianceType(), mixture.parameters());
  }

  /** A sampler from a saved mixture. */
  public static PostHocMixtureSampler load(java.nio.file.Path file) {
    return new PostHocMixtureSampler(MixtureJson.read(file).asFit());
  }

  /** The fitted mixture over the latents. */
  public GaussianMixtureFit mixture() {
    return mixture;
  }

  /** The mixture as a fixed prior (diagonal of each covariance; {@link FittedMixturePrior}). */
  @Override
  public PriorFactory asPrior() {
    return FittedMixturePrior.of(mixture.parameters());
  }

  @Override
  public String name() {
    return "posthoc-gmm-" + mixture.parameters().components();
  }

  @Override
  public float[] sampleLatents(ModelGraph graph, int n, long seed) {
    int d = (int) graph.model().latentSize();
    if (mixture.parameters().dimension() != d) {
      throw new IllegalArgumentException("the sampler's mixture is over " + mixture.parameters().dimension()
          + " latent dimensions, the model has " + d);
    }
    double[][] z = mixture.sample(n, seed).values();
    float[] out = new float[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        out[i * d + j] = (float) z[i][j];
      }
    }
    return out;
  }
}
