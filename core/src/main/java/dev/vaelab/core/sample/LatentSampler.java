package dev.vaelab.core.sample;

import dev.vaelab.core.graph.ModelGraph;

/**
 * Where the latents of new samples come from: "fit on the training latents, then draw z". The
 * model's prior is one such sampler ({@link PriorSampler}); a density fitted after training to the
 * posterior means of the training set (ex-post density estimation, Ghosh et al. 2019) is another,
 * and so is a VQ-VAE's code prior fitted to the training codes (it lives in the model's graph, so
 * its sampler is the {@link PriorSampler}). Samples are the decoder means at the drawn latents.
 */
public interface LatentSampler {
  /** Short name, e.g. {@code prior} or {@code posthoc-gmm-10}. */
  String name();

  /** n latents (n × d values) drawn with {@code seed}. */
  float[] sampleLatents(ModelGraph graph, int n, long seed);

  /** n samples: the decoder means E[y|z] at n latents from this sampler; n × D values. */
  default float[] sample(ModelGraph graph, int n, long seed) {
    return graph.decodeMean(sampleLatents(graph, n, seed), n);
  }
}
