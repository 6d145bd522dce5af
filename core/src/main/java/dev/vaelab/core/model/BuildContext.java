package dev.vaelab.core.model;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What a model's components may read besides their own parameters when they are built into a
 * graph: the context of a conditional model, and the training step t (for schedules inside a
 * component, e.g. the annealed temperature τ_t of a Gumbel-softmax encoder).
 *
 * @param conditioning the context c ({@link Conditioning#NONE} for an unconditioned model)
 * @param step optimisation steps taken so far, a float scalar operand (restored with checkpoints)
 */
public record BuildContext(Conditioning conditioning, Operand<TFloat32> step) {
  public BuildContext {
    if (conditioning == null || step == null) {
      throw new IllegalArgumentException("a build context needs a conditioning (or Conditioning.NONE) and the step operand");
    }
  }
}
