package dev.vaelab.gaussian.sampler;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.sample.FittedSampler;
import dev.vaelab.core.sample.PostHocSamplerKind;
import java.nio.file.Path;

/** {@code --sampler two-stage}: the two-stage VAE (Dai and Wipf 2019, {@link TwoStageSampler}); {@code --components} is not used. */
public final class TwoStageSamplerKind implements PostHocSamplerKind {
  @Override
  public String name() {
    return "two-stage";
  }

  @Override
  public String description() {
    return "second-stage VAE";
  }

  @Override
  public FittedSampler fit(ModelGraph graph, Dataset train, int components, long seed) {
    return TwoStageSampler.fit(graph, train, seed);
  }

  @Override
  public FittedSampler load(Path file) {
    return TwoStageSampler.load(file);
  }
}
