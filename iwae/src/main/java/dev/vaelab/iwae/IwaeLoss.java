package dev.vaelab.iwae;

import dev.vaelab.core.objective.Loss;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The terms of {@link ImportanceWeightedBound} on one batch.
 *
 * @param total −mean_batch L_k in value; its gradient is the chosen estimator's
 * @param rate KL(enc ‖ pri) per example (analytic when available, else the mean of ln q − ln p over the k samples)
 * @param distortion −ln P_dec(y|z) per example, averaged over the k samples
 * @param bound L_k per example: ln (1/k) Σ_i w_i
 * @param effectiveSampleSize (Σ w_i)² / Σ w_i² per example, between 1 and k
 */
public record IwaeLoss(
    Operand<TFloat32> total,
    Operand<TFloat32> rate,
    Operand<TFloat32> distortion,
    Operand<TFloat32> bound,
    Operand<TFloat32> effectiveSampleSize)
    implements Loss {}
