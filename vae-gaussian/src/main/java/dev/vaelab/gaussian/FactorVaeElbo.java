package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.nn.Parameters;
import dev.vaelab.core.objective.Loss;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.objective.ObjectiveContext;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * FactorVAE (Kim &amp; Mnih 2018): the ELBO with a penalty γ on the total correlation of the aggregate posterior, the TC
 * estimated by a discriminator ({@link TcDiscriminator}) that is trained alternately with the model, with its own
 * optimiser. Each training step first updates the model on
 *
 * <pre>
 *   loss = mean_batch(distortion + rate) + γ · E_batch[ l₀(z) − l₁(z) ],   z ~ P_enc(z|y)
 * </pre>
 *
 * (the discriminator fixed: only the model's parameters are differentiated), then — in the same session run, after the
 * model's update ({@link Loss#updates}) — the discriminator by one Adam step (10⁻⁴, β₁ = 0.5, β₂ = 0.9, the paper's) on
 * its cross-entropy of the batch's z against their dimension-wise permutation. The rate and distortion reported are the
 * ELBO's, so −(rate + distortion) stays the bound.
 *
 * @param gamma γ ≥ 0
 * @param discriminatorHidden the discriminator's hidden sizes (the paper: six layers of 1000; smaller here by default for a CPU)
 */
public record FactorVaeElbo(double gamma, long[] discriminatorHidden) implements Objective {
  /** γ of the paper's dSprites runs. */
  public static final double DEFAULT_GAMMA = 35;
  /** Hidden sizes of the discriminator by default. */
  public static final long[] DEFAULT_DISCRIMINATOR = {256, 256};
  /** The discriminator's Adam. */
  public static final double DISCRIMINATOR_LEARNING_RATE = 1e-4;

  public FactorVaeElbo {
    if (!(gamma >= 0) || !Double.isFinite(gamma)) {
      throw new IllegalArgumentException("gamma must be a finite number >= 0, got " + gamma);
    }
    if (discriminatorHidden == null || discriminatorHidden.length == 0) {
      throw new IllegalArgumentException("the discriminator needs at least one hidden layer");
    }
    for (long h : discriminatorHidden) {
      if (h < 1) {
        throw new IllegalArgumentException("discriminator hidden sizes must be >= 1, got " + h);
      }
    }
    discriminatorHidden = discriminatorHidden.clone();
  }

  @Override
  public String name() {
    return "factor-vae";
  }

  /** The terms of one batch, with the discriminator's step as the loss's update. */
  public record FactorLoss(Operand<TFloat32> total, Operand<TFloat32> rate, Operand<TFloat32> distortion, Operand<TFloat32> bound,
      Operand<TFloat32> tc, Operand<TFloat32> discriminatorLoss, TcDiscriminator discriminator) implements Loss {
    @Override
    public List<Op> updates(Ops after) {
      return AdamStep.minimise(after, discriminatorLoss, discriminator.variables(), DISCRIMINATOR_LEARNING_RATE, 0.5, 0.9, "disc_adam");
    }
  }

  @Override
  public FactorLoss build(Ops tf, LatentVariableModel model, Operand<TFloat32> y, ObjectiveContext context) {
    ElboTerms t = ElboTerms.of(tf, model, y, context, name());
    Operand<TFloat32> z = t.z();
    Operand<TFloat32> distortion = t.distortion();
    Operand<TFloat32> rate = t.rate();
    TcDiscriminator d = new TcDiscriminator(new Parameters(tf.withControlDependencies(List.of())), model.latentSize(), discriminatorHidden,
        20180601L);
    Operand<TFloat32> tc = d.tc(tf, z);
    Seed permutation = context.seeds().next();
    Operand<TFloat32> dLoss = d.loss(tf, z, permutation);
    Operand<TFloat32> total = tf.math.add(tf.math.mean(tf.math.add(distortion, rate), tf.constant(0)), tf.math.mul(tf.constant((float) gamma), tc));
    return new FactorLoss(total, rate, distortion, t.bound(tf), tc, dLoss, d);
  }
}
