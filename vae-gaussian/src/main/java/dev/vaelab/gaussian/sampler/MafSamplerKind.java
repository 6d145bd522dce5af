package dev.vaelab.gaussian.sampler;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.sample.FittedSampler;
import dev.vaelab.core.sample.PostHocSamplerKind;
import java.nio.file.Path;

/**
 * {@code --sampler maf}: a masked autoregressive flow (Papamakarios et al. 2017) of K transforms ({@code --components};
 * 128 hidden units each) fitted by maximum likelihood to the training set's posterior means ({@link MafFit}).
 */
public final class MafSamplerKind implements PostHocSamplerKind {
  @Override
  public String name() {
    return "maf";
  }

  @Override
  public String description() {
    return "masked autoregressive flow";
  }

  /** K = {@code components} transforms. */
  @Override
  public FittedSampler fit(ModelGraph graph, Dataset train, int components, long seed) {
    int d = (int) graph.model().latentSize();
    float[] means = graph.encodeMeans(train, train.size(), Evaluator.DEFAULT_BATCH);
    MafFit settings = new MafFit(components, MafFit.DEFAULT.hidden(), MafFit.DEFAULT.epochs(), MafFit.DEFAULT.maxSteps());
    return new MafSampler(settings.fit(means, train.size(), d, seed));
  }

  @Override
  public FittedSampler load(Path file) {
    return new MafSampler(MafJson.read(file));
  }
}
