package dev.vaelab.gaussian;

import dev.vaelab.core.objective.Loss;
import org.tensorflow.Operand;

/**
 * The loss of an objective that penalises a divergence between the aggregate posterior and the prior (WAE-MMD,
 * InfoVAE, the regularised autoencoder's latent penalty).
 *
 * @param total what training minimises
 * @param rate KL(P_enc(z|y) ‖ P_pri(z)) per example for a stochastic encoder (reported, weighted as the objective says);
 *     0 for a deterministic encoder, whose KL does not exist
 * @param distortion −ln P_dec(y|z) per example
 * @param bound −(rate + distortion): the ELBO for a stochastic encoder; for a deterministic one −distortion, no bound on
 *     ln p(y) (the lab reports neither it nor the rate for such a model)
 * @param penalty the objective's extra term (the MMD² estimate, or the regulariser), a scalar, unweighted
 */
public record DivergenceLoss(
    Operand<org.tensorflow.types.TFloat32> total,
    Operand<org.tensorflow.types.TFloat32> rate,
    Operand<org.tensorflow.types.TFloat32> distortion,
    Operand<org.tensorflow.types.TFloat32> bound,
    Operand<org.tensorflow.types.TFloat32> penalty) implements Loss {}
