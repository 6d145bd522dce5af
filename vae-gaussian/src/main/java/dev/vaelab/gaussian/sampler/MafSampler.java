package dev.vaelab.gaussian.sampler;

import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.model.PriorFactory;
import dev.vaelab.core.sample.FittedSampler;
import java.nio.file.Path;

/**
 * {@code --sampler maf}: a masked autoregressive flow ({@link Maf}) fitted to the training set's posterior means — ex-post
 * density estimation with an exact density, so it also stands in for the prior when the test log-likelihood is
 * estimated under it.
 */
public final class MafSampler implements FittedSampler {
  private final Maf maf;

  public MafSampler(Maf maf) {
    this.maf = maf;
  }

  /** The fitted flow. */
  public Maf maf() {
    return maf;
  }

  @Override
  public String name() {
    return "posthoc-maf-" + maf.transforms().size();
  }

  @Override
  public float[] sampleLatents(ModelGraph graph, int n, long seed) {
    int d = (int) graph.model().latentSize();
    if (d != maf.dimension()) {
      throw new IllegalArgumentException("the sampler's flow is over " + maf.dimension() + " latents, the model has " + d);
    }
    return maf.sample(n, seed);
  }

  @Override
  public void save(Path file) {
    MafJson.write(file, maf);
  }

  /** The flow's density as the prior (a constant of the graph). */
  @Override
  public PriorFactory asPrior() {
    return (tf, params, encoder, d, conditioning, seed) -> {
      if (d != maf.dimension()) {
        throw new IllegalArgumentException("the fitted flow is over " + maf.dimension() + " latents, the model has " + d);
      }
      MafDistribution p = new MafDistribution(maf);
      return t -> p;
    };
  }
}
