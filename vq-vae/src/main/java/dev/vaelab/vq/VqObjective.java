package dev.vaelab.vq;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.objective.ObjectiveContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The VQ-VAE objective (note 003):
 *
 * <pre>
 *   L = −ln P_dec(y | z_q) + ‖sg[z_e] − e‖² + β ‖z_e − sg[e]‖²
 * </pre>
 *
 * averaged over the batch; the codebook term only for a GRADIENT codebook (an EMA codebook learns
 * by its updates, which this objective hands to the trainer). The rate −ln P_pri(codes) is reported,
 * not optimised (it is the constant P ln K under the uniform prior), so VQ-VAE sits in the same
 * rate–distortion table as the other models.
 */
public final class VqObjective implements Objective {
  @Override
  public String name() {
    return "vq";
  }

  @Override
  public VqLoss build(Ops tf, LatentVariableModel model, Operand<TFloat32> y, ObjectiveContext context) {
    Distribution q = model.encoder().encode(tf, y);
    if (!(q instanceof QuantizedLatent latent)) {
      throw new IllegalArgumentException("VqObjective needs a quantising encoder, got a posterior of type " + q.getClass().getSimpleName());
    }
    Quantized qz = latent.quantized();
    VectorQuantizer vq = latent.quantizer();
    Operand<TFloat32> zq = latent.sample(tf, null, null);
    Operand<TFloat32> distortion = tf.math.neg(model.decoder().decode(tf, zq).logProb(tf, y));
    Operand<TFloat32> rate = tf.math.neg(model.prior().distribution(tf).logProb(tf, tf.stopGradient(zq)));
    Operand<TInt32> zero = tf.constant(0);
    Operand<TFloat32> codebook = tf.math.mean(qz.codebookLoss(), zero);
    Operand<TFloat32> commitment = tf.math.mean(qz.commitmentLoss(), zero);
    Operand<TFloat32> total =
        tf.math.add(tf.math.mean(distortion, zero), tf.math.mul(tf.constant((float) vq.config().commitmentCost()), commitment));
    if (vq.config().update() == CodebookUpdate.GRADIENT) {
      total = tf.math.add(total, codebook);
    }
    Operand<TFloat32> bound = tf.math.neg(tf.math.add(rate, distortion));
    dev.vaelab.core.distribution.Seed seed = context.seeds().next();
    return new VqLoss(total, rate, distortion, bound, codebook, commitment, qz.perplexity(), t -> vq.updates(t, qz, seed));
  }
}
