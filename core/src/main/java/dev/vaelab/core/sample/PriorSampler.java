package dev.vaelab.core.sample;

import dev.vaelab.core.graph.ModelGraph;

/**
 * Latents from the model's own prior, z ~ P_pri(z): ancestral sampling. Nothing to fit; the seed
 * is that of the graph (each call draws fresh, reproducible noise).
 */
public final class PriorSampler implements LatentSampler {
  @Override
  public String name() {
    return "prior";
  }

  @Override
  public float[] sampleLatents(ModelGraph graph, int n, long seed) {
    return graph.samplePrior(n, null);
  }
}
