package dev.vaelab.gmm;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.sample.FittedSampler;
import dev.vaelab.core.sample.PostHocSamplerKind;
import java.nio.file.Path;

/**
 * {@code --sampler gmm}: a full-covariance Gaussian mixture fitted by EM to the training set's
 * posterior means ({@link PostHocMixtureSampler}); registered in {@code
 * META-INF/services/dev.vaelab.core.sample.PostHocSamplerKind}.
 */
public final class PostHocMixtureKind implements PostHocSamplerKind {
  @Override
  public String name() {
    return "gmm";
  }

  /** "Gaussian mixture" (full covariance, fitted by EM; Ghosh et al. 2019). */
  @Override
  public String description() {
    return "Gaussian mixture";
  }

  @Override
  public FittedSampler fit(ModelGraph graph, Dataset train, int components, long seed) {
    return PostHocMixtureSampler.fit(graph, train, components, CovarianceType.FULL, seed);
  }

  @Override
  public FittedSampler load(Path file) {
    return PostHocMixtureSampler.load(file);
  }
}
