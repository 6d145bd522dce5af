package dev.vaelab.core.objective;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The terms of {@link GumbelSoftmaxElbo} on one batch. The rate, distortion and bound are those of
 * the exact (unrelaxed) categorical encoder — an unbiased one-sample estimate of the true ELBO —
 * while {@code total} is the relaxed objective that training minimises.
 *
 * @param total mean over the batch of the relaxed distortion + β · rate
 * @param rate KL(q ‖ p) per example, analytic
 * @param distortion −ln P_dec(y|z), z the Gumbel-max (hard) sample, per example
 * @param bound −(rate + distortion): the exact ELBO estimate per example
 * @param relaxedBound −(rate + relaxed distortion): the objective actually optimised, per example
 * @param temperature τ at this step
 */
public record RelaxedElboLoss(
    Operand<TFloat32> total,
    Operand<TFloat32> rate,
    Operand<TFloat32> distortion,
    Operand<TFloat32> bound,
    Operand<TFloat32> relaxedBound,
    Operand<TFloat32> temperature)
    implements Loss {}
