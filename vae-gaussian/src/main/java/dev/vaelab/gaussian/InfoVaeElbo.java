package dev.vaelab.gaussian;

import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.objective.ObjectiveContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * InfoVAE with the MMD divergence (Zhao et al. 2019, eq. 6 with D = MMD, their "MMD-VAE" family):
 *
 * <pre>
 *   loss = mean_batch[ −ln P_dec(y|z) + (1 − α) · KL(P_enc(z|y) ‖ P_pri(z)) ] + (α + λ − 1) · MMD²_u(q(z), P_pri(z))
 * </pre>
 *
 * α weights the mutual information between y and z (α = 0: the ELBO's KL in full), λ the divergence between the
 * aggregate posterior q(z) and the prior, estimated by {@link Mmd} on the batch's z and as many prior draws. The
 * encoder is the Gaussian VAE's, so the rate and the ELBO are reported unweighted and the log-likelihood is estimated as
 * for any VAE.
 *
 * @param alpha α ≤ 1 (the paper's experiments: 0)
 * @param lambda λ with α + λ − 1 ≥ 0 (the paper's experiments: 1000)
 * @param kernel RBF or IMQ
 */
public record InfoVaeElbo(double alpha, double lambda, MmdKernel kernel) implements Objective {
  /** The paper's α. */
  public static final double DEFAULT_ALPHA = 0;
  /** The paper's λ. */
  public static final double DEFAULT_LAMBDA = 1000;

  public InfoVaeElbo {
    if (!(alpha <= 1) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("--alpha must be a finite number <= 1 (the KL weight 1 − α must not be negative), got " + alpha);
    }
    if (!(alpha + lambda - 1 >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("--lambda must be finite with α + λ − 1 >= 0 (the MMD weight must not be negative), got α = " + alpha
          + ", λ = " + lambda);
    }
    if (kernel == null) {
      throw new IllegalArgumentException("kernel must be rbf or imq");
    }
  }

  @Override
  public String name() {
    return "info-vae";
  }

  @Override
  public DivergenceLoss build(Ops tf, LatentVariableModel model, Operand<TFloat32> y, ObjectiveContext context) {
    ElboTerms t = ElboTerms.of(tf, model, y, context, name());
    Operand<TFloat32> zPrior = model.prior().distribution(tf).sample(tf,
        dev.vaelab.core.objective.SampleShape.perExample(tf, y, model.latentSize()), context.seeds().next());
    Operand<TFloat32> mmd = Mmd.unbiased(tf, t.z(), zPrior, kernel, Mmd.scale(model.latentSize(), 1.0));
    Operand<TFloat32> perExample = tf.math.add(t.distortion(), tf.math.mul(tf.constant((float) (1 - alpha)), t.rate()));
    Operand<TFloat32> total = tf.math.add(tf.math.mean(perExample, tf.constant(0)), tf.math.mul(tf.constant((float) (alpha + lambda - 1)), mmd));
    return new DivergenceLoss(total, t.rate(), t.distortion(), t.bound(tf), mmd);
  }
}
