package dev.vaelab.core.objective;

import dev.vaelab.core.model.Conditioning;
import dev.vaelab.core.distribution.Seed;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What an objective may read besides the model and the batch.
 *
 * @param step the number of optimisation steps taken so far, as a float scalar (for schedules
 *     such as KL warm-up)
 * @param seeds source of seeds for the objective's random ops
 * @param conditioning the batch's context, for objectives of conditional models ({@link
 *     Conditioning#NONE} otherwise)
 */
public record ObjectiveContext(Operand<TFloat32> step, Seed.Sequence seeds, Conditioning conditioning) {
  /** The context of an unconditioned model. */
  public ObjectiveContext(Operand<TFloat32> step, Seed.Sequence seeds) {
    this(step, seeds, Conditioning.NONE);
  }
}
