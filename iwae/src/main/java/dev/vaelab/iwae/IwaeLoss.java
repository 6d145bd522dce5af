package dev.vaelab.iwae;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.KlDivergence;
import dev.vaelab.core.eval.LogWeights;
import dev.vaelab.core.math.LogSumExp;
import dev.vaelab.core.model.LatentVariableModel;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;

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
    implements Loss {

  /**
   * The loss of an importance-weighted objective on the log-weights {@code lw} ({@code [k, batch]}):
   * rate and distortion reported the way {@code Elbo} reports them, the effective sample size of
   * the k weights, and the objective's own {@code total} and per-example {@code bound}.
   */
  public static IwaeLoss of(Ops tf, LatentVariableModel model, LogWeights lw, Operand<TFloat32> total, Operand<TFloat32> bound) {
    Operand<TInt32> zero = tf.constant(0);
    Distribution p = model.prior().distribution(tf);
    Operand<TFloat32> rate =
        KlDivergence.hasAnalytic(lw.q(), p)
            ? KlDivergence.between(tf, lw.q(), p)
            : tf.math.mean(tf.math.sub(lw.logPosterior(), lw.logPrior()), zero);
    Operand<TFloat32> distortion = tf.math.neg(tf.math.mean(lw.logLikelihood(), zero));
    Operand<TFloat32> wTilde = normalisedWeights(tf, lw.logWeights());
    Operand<TFloat32> ess = tf.math.div(tf.constant(1f), tf.reduceSum(tf.math.square(wTilde), zero));
    return new IwaeLoss(total, rate, distortion, bound, ess);
  }

  /**
   * n reparameterised samples per example and their log-weights ({@code [n, batch]}), the start of
   * every importance-weighted objective; refuses an encoder without reparameterised samples.
   */
  public static LogWeights draw(Ops tf, LatentVariableModel model, Operand<TFloat32> y, long n,
      dev.vaelab.core.objective.ObjectiveContext context, String objective) {
    LogWeights lw = LogWeights.of(tf, model, y, n, context.seeds().next());
    dev.vaelab.core.objective.Reparameterization.require(lw.q(), objective, "needs reparameterised samples of the encoder");
    return lw;
  }

  /** w̃_i = w_i / Σ_j w_j over axis 0 (the samples), without gradient. */
  public static Operand<TFloat32> normalisedWeights(Ops tf, Operand<TFloat32> logWeights) {
    return tf.stopGradient(tf.math.exp(tf.math.sub(logWeights, LogSumExp.logSumExp(tf, logWeights, 0))));
  }

  /**
   * f(z) = ln P_dec(y|z) + ln P_pri(z) at the samples z held fixed ({@code [k, batch]}): its gradient
   * reaches the decoder and the prior only, ∇_θ f = ∇_θ ln w (q does not depend on θ).
   */
  public static Operand<TFloat32> logJointAtFixedZ(Ops tf, LatentVariableModel model, Operand<TFloat32> y, LogWeights lw) {
    LogWeights atFixed = LogWeights.at(tf, model, y, lw.q(), tf.stopGradient(lw.z()));
    return tf.math.add(atFixed.logLikelihood(), atFixed.logPrior());
  }
}
