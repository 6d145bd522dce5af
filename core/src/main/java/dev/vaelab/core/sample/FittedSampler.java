package dev.vaelab.core.sample;

import dev.vaelab.core.model.PriorFactory;
import java.nio.file.Path;

/**
 * A latent sampler fitted after training (ex-post density estimation): it can be saved beside the
 * run and reloaded, and its density can stand in for the model's prior P_pri(z) (to report the test
 * log-likelihood under it).
 */
public interface FittedSampler extends LatentSampler {
  /** Writes the fitted density to {@code file} (reloaded by its {@link PostHocSamplerKind#load}). */
  void save(Path file);

  /** The fitted density as a fixed prior of a model whose latent size is its dimension. */
  PriorFactory asPrior();
}
