package dev.vaelab.gaussian;

import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.objective.ElboLoss;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.objective.ObjectiveContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The capacity-annealed β-VAE objective (Burgess et al. 2018, "Understanding disentangling in β-VAE"): the rate is
 * pulled towards a target capacity C_t that rises linearly during training, instead of being weighed by β:
 *
 * <pre>
 *   C_t  = C · min(1, t / T)                        (C_t = C when T = 0)
 *   loss = mean_batch(distortion) + γ · | mean_batch(rate) − C_t |
 * </pre>
 *
 * with distortion −ln P_dec(y|z) at one reparameterised z ~ P_enc(z|y) and rate KL(P_enc(z|y) ‖ P_pri(z)) in closed form.
 * The rate and distortion reported are the unweighted ones, so −(rate + distortion) stays the ELBO. The paper's dSprites
 * setting: γ = 1000, C from 0 to 25 nats over 100,000 steps.
 *
 * @param gamma γ &gt; 0, the weight of the capacity term
 * @param capacity C ≥ 0, the final target rate, nats
 * @param capacitySteps T ≥ 0, steps over which the target rises from 0 to C
 */
public record CapacityElbo(double gamma, double capacity, long capacitySteps) implements Objective {
  /** γ of the paper. */
  public static final double DEFAULT_GAMMA = 1000;
  /** C of the paper's dSprites runs, nats. */
  public static final double DEFAULT_CAPACITY = 25;
  /** T of the paper's dSprites runs. */
  public static final long DEFAULT_CAPACITY_STEPS = 100_000;

  public CapacityElbo {
    if (!(gamma > 0) || !Double.isFinite(gamma)) {
      throw new IllegalArgumentException("gamma must be a finite number > 0, got " + gamma);
    }
    if (!(capacity >= 0) || !Double.isFinite(capacity)) {
      throw new IllegalArgumentException("capacity must be a finite number >= 0 (nats), got " + capacity);
    }
    if (capacitySteps < 0) {
      throw new IllegalArgumentException("capacity_steps must be >= 0, got " + capacitySteps);
    }
  }

  @Override
  public String name() {
    return "capacity-elbo";
  }

  /** C_t, the target rate after {@code step} steps. */
  public double capacityAt(long step) {
    return capacitySteps == 0 ? capacity : capacity * Math.min(1.0, (double) step / capacitySteps);
  }

  @Override
  public ElboLoss build(Ops tf, LatentVariableModel model, Operand<TFloat32> y, ObjectiveContext context) {
    ElboTerms t = ElboTerms.of(tf, model, y, context, name());
    Operand<TFloat32> distortion = t.distortion();
    Operand<TFloat32> rate = t.rate();
    Operand<TFloat32> target = capacitySteps == 0
        ? tf.constant((float) capacity)
        : tf.math.mul(tf.constant((float) capacity), tf.math.minimum(tf.constant(1f), tf.math.div(context.step(), tf.constant((float) capacitySteps))));
    Operand<TFloat32> meanRate = tf.math.mean(rate, tf.constant(0));
    Operand<TFloat32> total = tf.math.add(tf.math.mean(distortion, tf.constant(0)),
        tf.math.mul(tf.constant((float) gamma), tf.math.abs(tf.math.sub(meanRate, target))));
    return new ElboLoss(total, rate, distortion, t.bound(tf), target);
  }
}
