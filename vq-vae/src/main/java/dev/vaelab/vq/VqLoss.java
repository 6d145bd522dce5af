package dev.vaelab.vq;

import dev.vaelab.core.objective.Loss;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The terms of {@link VqObjective} on one batch.
 *
 * @param total mean distortion + (codebook loss, GRADIENT mode) + β · commitment loss
 * @param rate −ln P_pri(codes) per example: P ln K nats under the uniform prior
 * @param distortion −ln P_dec(y | z_q) per example (the reconstruction cross-entropy)
 * @param bound −(rate + distortion), the ELBO with the one-hot encoder
 * @param codebookLoss mean ‖sg[z_e] − e‖² per example
 * @param commitmentLoss mean ‖z_e − sg[e]‖² per example (β not applied)
 * @param perplexity of the batch's code usage
 * @param updateBuilder the quantiser's state updates for a training step
 */
public record VqLoss(
    Operand<TFloat32> total,
    Operand<TFloat32> rate,
    Operand<TFloat32> distortion,
    Operand<TFloat32> bound,
    Operand<TFloat32> codebookLoss,
    Operand<TFloat32> commitmentLoss,
    Operand<TFloat32> perplexity,
    Function<Ops, List<Op>> updateBuilder)
    implements Loss {

  @Override
  public List<Op> updates(Ops tf) {
    return updateBuilder.apply(tf);
  }
}
