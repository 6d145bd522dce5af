package dev.vaelab.core.objective;

import dev.vaelab.core.distribution.Seed;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What an objective may read besides the model and the batch.
 *
 * @param step the number of optimisation steps taken so far, as a float scalar (for schedules
 *     such as KL warm-up)
 * @param seeds source of seeds for the objective's random ops
 */
public record ObjectiveContext(Operand<TFloat32> step, Seed.Sequence seeds) {}
