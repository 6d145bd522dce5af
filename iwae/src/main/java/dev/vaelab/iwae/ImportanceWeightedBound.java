package dev.vaelab.iwae;

import dev.vaelab.core.eval.LogWeights;
import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.math.LogSumExp;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.objective.ObjectiveContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The importance-weighted bound of Burda, Grosse and Salakhutdinov (2015), an {@link Objective}:
 *
 * <h2>Mathematical details</h2>
 *
 * <pre>
 *   L_k(y) = E_{z_1..z_k ~ P_enc(z|y)} [ ln (1/k) Σ_i w_i ],   w_i = P_pri(z_i) P_dec(y|z_i) / P_enc(z_i|y)
 *   ELBO = L_1 ≤ L_k ≤ L_{k+1} ≤ ln p(y),   L_k → ln p(y) as k → ∞
 * </pre>
 *
 * The log-mean-exp over the k log-weights is computed stably ({@link LogSumExp}). With k = 1 the
 * estimate is the Monte-Carlo ELBO, ln w_1. Rate and distortion are reported the way {@code Elbo}
 * reports them (analytic KL when the pair has one; distortion averaged over the k samples), so
 * −(rate + distortion) is the ELBO while {@code bound} is L_k.
 *
 * <p>Gradients: {@link GradientEstimator#IWAE} differentiates L_k directly; {@link
 * GradientEstimator#DREG} gives the encoder the doubly-reparameterised gradient. Both give the
 * decoder and prior ∇_θ L_k = Σ_i w̃_i ∇_θ ln w_i, w̃_i = w_i / Σ_j w_j.
 *
 * @param k number of importance samples per example (≥ 1)
 * @param estimator the encoder's gradient estimator
 */
public record ImportanceWeightedBound(int k, GradientEstimator estimator) implements Objective {
  /** Default k, as in B2. */
  public static final int DEFAULT_K = 5;

  public ImportanceWeightedBound {
    if (k < 1) {
      throw new IllegalArgumentException("number of importance samples k must be >= 1, got " + k);
    }
    if (estimator == null) {
      throw new IllegalArgumentException("gradient estimator must be given");
    }
  }

  /** The bound with k samples and the standard IWAE gradient. */
  public static ImportanceWeightedBound of(int k) {
    return new ImportanceWeightedBound(k, GradientEstimator.IWAE);
  }

  @Override
  public String name() {
    return estimator == GradientEstimator.IWAE ? "iwae-" + k : "iwae-" + k + "-" + estimator.id();
  }

  @Override
  public IwaeLoss build(Ops tf, LatentVariableModel model, Operand<TFloat32> y, ObjectiveContext context) {
    LogWeights lw = IwaeLoss.draw(tf, model, y, k, context, name());
    Operand<TFloat32> bound = LogSumExp.logMeanExp(tf, lw.logWeights(), 0);
    Operand<TFloat32> negBound = tf.math.neg(tf.math.mean(bound, tf.constant(0)));
    Operand<TFloat32> total =
        switch (estimator) {
          case IWAE -> negBound;
          case DREG -> dregTotal(tf, model, y, lw, IwaeLoss.normalisedWeights(tf, lw.logWeights()), negBound);
        };
    return IwaeLoss.of(tf, model, lw, total, bound);
  }

  /**
   * A loss whose value is −L_k and whose gradient is: for θ (decoder, prior) Σ w̃_i ∇_θ ln w_i,
   * for φ (encoder) the DReG estimator Σ w̃_i² ∂ln w_i/∂z_i ∂z_i/∂φ.
   */
  private static Operand<TFloat32> dregTotal(
      Ops tf, LatentVariableModel model, Operand<TFloat32> y, LogWeights lw, Operand<TFloat32> wTilde, Operand<TFloat32> negBound) {
    if (!(lw.q() instanceof DiagonalGaussian q)) {
      throw new IllegalArgumentException(
          "the DReG estimator needs a reparameterised DiagonalGaussian encoder, got " + lw.q().getClass().getSimpleName());
    }
    Operand<org.tensorflow.types.TInt32> zero = tf.constant(0);
    Operand<TFloat32> fFixed = IwaeLoss.logJointAtFixedZ(tf, model, y, lw);
    Operand<TFloat32> thetaPart = tf.reduceSum(tf.math.mul(wTilde, fFixed), zero);
    // ln w with q's parameters stopped, so ln q is differentiated only through z = μ + σ ε ...
    Operand<TFloat32> pathLogW =
        tf.math.sub(tf.math.add(lw.logLikelihood(), lw.logPrior()), q.stopGradient(tf).logProb(tf, lw.z()));
    // ... minus f at fixed z, which has the same θ gradient: only the path gradient to φ is left
    Operand<TFloat32> phiPart = tf.reduceSum(tf.math.mul(tf.math.square(wTilde), tf.math.sub(pathLogW, fFixed)), zero);
    Operand<TFloat32> surrogate = tf.math.mean(tf.math.add(thetaPart, phiPart), zero);
    // value −L_k (no gradient through it), gradient −∇ surrogate
    return tf.math.sub(tf.stopGradient(negBound), tf.math.sub(surrogate, tf.stopGradient(surrogate)));
  }
}
