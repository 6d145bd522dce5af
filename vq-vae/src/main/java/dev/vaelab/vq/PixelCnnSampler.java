package dev.vaelab.vq;

import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.sample.LatentSampler;

/**
 * Samples of a VQ-VAE under its autoregressive code prior: code maps drawn from a {@link
 * PixelCnnPrior} position by position, each code replaced by its codebook vector e_k, then decoded
 * (the decoder means E[y|z_q]).
 */
public final class PixelCnnSampler implements LatentSampler {
  private final PixelCnnPrior prior;
  private final VectorQuantizer quantizer;

  public PixelCnnSampler(PixelCnnPrior prior, VectorQuantizer quantizer) {
    if (prior.config().codebookSize() != quantizer.config().codebookSize()) {
      throw new IllegalArgumentException("the PixelCNN prior has " + prior.config().codebookSize() + " codes but the quantiser "
          + quantizer.config().codebookSize());
    }
    this.prior = prior;
    this.quantizer = quantizer;
  }

  @Override
  public String name() {
    return "pixelcnn";
  }

  /** The code vectors of n drawn code maps, {@code [n, P · D]}. */
  @Override
  public float[] sampleLatents(ModelGraph graph, int n, long seed) {
    return CodeVectors.of(graph, quantizer, prior.sample(n, seed), n, prior.config().positions());
  }
}
