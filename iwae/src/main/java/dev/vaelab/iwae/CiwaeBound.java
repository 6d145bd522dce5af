package dev.vaelab.iwae;

import dev.vaelab.core.eval.LogWeights;
import dev.vaelab.core.math.LogSumExp;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.objective.ObjectiveContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * CIWAE of Rainforth et al. (2018): a convex combination of the ELBO and the IWAE bound on the
 * same K samples,
 *
 * <pre>
 *   L_CIWAE(y) = β · (1/K) Σ_k ln w_k + (1 − β) · ln (1/K) Σ_k w_k,   0 ≤ β ≤ 1
 * </pre>
 *
 * β = 1 is the K-sample Monte-Carlo ELBO, β = 0 the IWAE bound L_K; in between, the ELBO term keeps
 * the encoder's gradient from vanishing as K grows.
 *
 * @param k importance samples (≥ 1)
 * @param beta β, the ELBO's weight, in [0, 1]
 */
public record CiwaeBound(int k, double beta) implements Objective {
  /** β of Rainforth et al.'s comparison (and B5f). */
  public static final double DEFAULT_BETA = 0.5;

  public CiwaeBound {
    if (k < 1) {
      throw new IllegalArgumentException("number of importance samples k must be >= 1, got " + k);
    }
    if (!(beta >= 0 && beta <= 1)) {
      throw new IllegalArgumentException("CIWAE's β must be in [0, 1], got " + beta);
    }
  }

  @Override
  public String name() {
    return "ciwae-" + k + "-" + beta;
  }

  @Override
  public IwaeLoss build(Ops tf, LatentVariableModel model, Operand<TFloat32> y, ObjectiveContext context) {
    LogWeights lw = IwaeLoss.draw(tf, model, y, k, context, name());
    Operand<TInt32> zero = tf.constant(0);
    Operand<TFloat32> elbo = tf.math.mean(lw.logWeights(), zero);
    Operand<TFloat32> iwae = LogSumExp.logMeanExp(tf, lw.logWeights(), 0);
    Operand<TFloat32> bound =
        tf.math.add(tf.math.mul(tf.constant((float) beta), elbo), tf.math.mul(tf.constant((float) (1 - beta)), iwae));
    return IwaeLoss.of(tf, model, lw, tf.math.neg(tf.math.mean(bound, zero)), bound);
  }
}
