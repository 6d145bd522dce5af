package dev.vaelab.core.objective;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The graph outputs of an {@link Objective} on one batch. Each objective returns its own record
 * implementing this interface, with any extra terms as named components.
 */
public interface Loss {
  /** The scalar that training minimises (mean over the batch, with any weighting applied). */
  Operand<TFloat32> total();

  /** Rate per example, {@code [batch]}, nats: KL(enc ‖ pri) or its estimate. Unweighted. */
  Operand<TFloat32> rate();

  /** Distortion per example, {@code [batch]}, nats: −ln P_dec(y|z). */
  Operand<TFloat32> distortion();

  /**
   * The bound on ln p(y) per example that this objective estimates, {@code [batch]}; for the ELBO
   * it is −(rate + distortion).
   */
  Operand<TFloat32> bound();

  /**
   * State updates to run with every training step (an EMA codebook, usage counters), built with
   * {@code tf}, whose control dependencies make them run after the optimizer's update. None by
   * default. Evaluation never runs them.
   */
  default java.util.List<org.tensorflow.op.Op> updates(Ops tf) {
    return java.util.List.of();
  }
}
