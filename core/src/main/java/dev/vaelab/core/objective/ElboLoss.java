package dev.vaelab.core.objective;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The terms of {@link Elbo} on one batch.
 *
 * @param total distortion + β_t · rate (with free bits), mean over the batch
 * @param rate KL(enc ‖ pri) per example
 * @param distortion −ln P_dec(y|z) per example
 * @param bound the ELBO per example, −(rate + distortion)
 * @param rateWeight β_t, the rate weight in force at this step (warm-up applied)
 */
public record ElboLoss(
    Operand<TFloat32> total,
    Operand<TFloat32> rate,
    Operand<TFloat32> distortion,
    Operand<TFloat32> bound,
    Operand<TFloat32> rateWeight)
    implements Loss {}
