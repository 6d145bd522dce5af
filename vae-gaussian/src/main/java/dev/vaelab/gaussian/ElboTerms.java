package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.KlDivergence;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.objective.ObjectiveContext;
import dev.vaelab.core.objective.Reparameterization;
import dev.vaelab.core.objective.SampleShape;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The ELBO's terms that the objectives adding a penalty to it share (FactorVAE, DIP-VAE, the capacity-annealed β-VAE):
 * the encoder's P_enc(z|y), one reparameterised z from it, the distortion −ln P_dec(y|z) and the closed-form rate
 * KL(P_enc(z|y) ‖ P_pri(z)), per example.
 *
 * @param q P_enc(z|y)
 * @param z one sample of q per example
 * @param distortion −ln P_dec(y|z), {@code [batch]}
 * @param rate KL(q ‖ P_pri), {@code [batch]}
 */
record ElboTerms(Distribution q, Operand<TFloat32> z, Operand<TFloat32> distortion, Operand<TFloat32> rate) {
  /** The terms of {@code model} on the batch {@code y}; refused, naming {@code objective}, without a reparameterised encoder and a closed-form KL. */
  static ElboTerms of(Ops tf, LatentVariableModel model, Operand<TFloat32> y, ObjectiveContext context, String objective) {
    Distribution q = model.encoder().encode(tf, y);
    Distribution p = model.prior().distribution(tf);
    if (!q.isReparameterized() || !KlDivergence.hasAnalytic(q, p)) {
      throw new IllegalArgumentException(Reparameterization.refusal(q, objective, "needs a reparameterised encoder with a closed-form KL to its prior"));
    }
    Operand<TFloat32> z = q.sample(tf, SampleShape.perExample(tf, y, model.latentSize()), context.seeds().next());
    return new ElboTerms(q, z, tf.math.neg(model.decoder().decode(tf, z).logProb(tf, y)), KlDivergence.between(tf, q, p));
  }

  /** −(rate + distortion), the ELBO per example. */
  Operand<TFloat32> bound(Ops tf) {
    return tf.math.neg(tf.math.add(rate, distortion));
  }
}
