package dev.vaelab.core.distribution;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A distribution over finitely many values that can be listed: an objective can then take the
 * expectation E_q[f(z)] = Σ_k q(z_k) f(z_k) exactly instead of through a sample, which is how a
 * non-reparameterised discrete latent gets an exact gradient.
 */
public interface Enumerable extends Distribution {
  /** Number of values K of one event. */
  long supportSize();

  /**
   * The K values, shape {@code [K, 1, ..., event]}: a leading axis over the values, then axes of
   * size 1 that broadcast against the parameters' batch axes.
   */
  Operand<TFloat32> support(Ops tf);

  /** ln q(z_k) of each value, shape {@code [K, ...batch]} (the support's order). */
  Operand<TFloat32> logProbOfSupport(Ops tf);
}
