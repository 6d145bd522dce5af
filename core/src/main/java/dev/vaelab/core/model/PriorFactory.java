package dev.vaelab.core.model;

import dev.vaelab.core.nn.Parameters;
import org.tensorflow.op.Ops;

/**
 * Builds a model's prior P_pri(z) into its graph: a fixed one, one with learned parameters (created
 * in {@code params}, so they train and checkpoint with the rest), or one defined through the
 * model's own encoder (the VampPrior). This is where a VAE takes any prior.
 */
@FunctionalInterface
public interface PriorFactory {
  /**
   * @param encoder the model's encoder (the VampPrior passes its pseudo-inputs through it)
   * @param latentSize d
   * @param conditioning the model's context, for a conditional prior p(z|c) ({@link Conditioning#NONE} if unconditioned)
   * @param seed initialiser seed
   */
  Prior build(Ops tf, Parameters params, Encoder encoder, long latentSize, Conditioning conditioning, long seed);

  /** The standard normal N(0, I), the default. */
  PriorFactory STANDARD_NORMAL = (tf, params, encoder, d, conditioning, seed) -> new StandardNormalPrior(d);
}
