package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.KlDivergence;
import dev.vaelab.core.distribution.PointMass;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.objective.ObjectiveContext;
import dev.vaelab.core.objective.SampleShape;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The Wasserstein autoencoder with the MMD penalty (Tolstikhin et al. 2018, WAE-MMD, their Algorithm 2):
 *
 * <pre>
 *   loss = mean_batch(−ln P_dec(y_i|z_i)) + λ · MMD²_u({z_i}, {z̃_i}),   z_i ~ P_enc(z|y_i),  z̃_i ~ P_pri(z)
 * </pre>
 *
 * with the reconstruction cost the decoder's negative log-likelihood (Bernoulli: cross-entropy) and {@link Mmd}'s
 * unbiased estimate under {@link MmdKernel} with C = 2 d σ_z² (σ_z² = 1, the standard normal prior). The encoder may be
 * deterministic (a {@link PointMass}, the paper's experiments: no rate, no likelihood) or a reparameterised Gaussian
 * (its rate KL(q ‖ p) is reported but not trained on, and its log-likelihood can be estimated).
 *
 * @param lambda λ &gt; 0 (the paper's MNIST value is 10)
 * @param kernel RBF or IMQ
 */
public record WassersteinObjective(double lambda, MmdKernel kernel) implements Objective {
  /** The paper's λ for MNIST. */
  public static final double DEFAULT_LAMBDA = 10;

  public WassersteinObjective {
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("--lambda must be a finite number > 0, got " + lambda);
    }
    if (kernel == null) {
      throw new IllegalArgumentException("kernel must be rbf or imq");
    }
  }

  @Override
  public String name() {
    return "wae-mmd";
  }

  @Override
  public DivergenceLoss build(Ops tf, LatentVariableModel model, Operand<TFloat32> y, ObjectiveContext context) {
    Distribution q = model.encoder().encode(tf, y);
    Distribution p = model.prior().distribution(tf);
    var shape = SampleShape.perExample(tf, y, model.latentSize());
    Operand<TFloat32> z = q.sample(tf, shape, context.seeds().next());
    Operand<TFloat32> zPrior = p.sample(tf, shape, context.seeds().next());
    Operand<TFloat32> distortion = tf.math.neg(model.decoder().decode(tf, z).logProb(tf, y));
    Operand<TFloat32> mmd = Mmd.unbiased(tf, z, zPrior, kernel, Mmd.scale(model.latentSize(), 1.0));
    Operand<TFloat32> total = tf.math.add(tf.math.mean(distortion, tf.constant(0)), tf.math.mul(tf.constant((float) lambda), mmd));
    Operand<TFloat32> rate = rate(tf, q, p, z, distortion);
    return new DivergenceLoss(total, rate, distortion, tf.math.neg(tf.math.add(rate, distortion)), mmd);
  }

  /** KL(q ‖ p) (closed form, else Monte Carlo at z) for a stochastic encoder; 0 for a point mass. */
  static Operand<TFloat32> rate(Ops tf, Distribution q, Distribution p, Operand<TFloat32> z, Operand<TFloat32> like) {
    if (q instanceof PointMass) {
      return tf.zerosLike(like);
    }
    return KlDivergence.hasAnalytic(q, p) ? KlDivergence.between(tf, q, p) : KlDivergence.monteCarlo(tf, q, p, z);
  }
}
