package dev.vaelab.core.distribution;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * KL(q ‖ p) between two distributions: analytic for the pairs that have a closed form,
 * otherwise an explicit Monte-Carlo estimate (as TensorFlow Probability registers KL per pair).
 *
 * <h2>Mathematical details</h2>
 *
 * <pre>
 *   KL(N(μ_q, σ_q²) ‖ N(μ_p, σ_p²)) = ½ Σ_j [ ln(σ_p²/σ_q²) + (σ_q² + (μ_q − μ_p)²)/σ_p² − 1 ]
 *   KL(N(μ, σ²) ‖ N(0, I))          = ½ Σ_j [ μ² + σ² − 1 − ln σ² ]        (seed 003)
 *   Monte Carlo:  KL ≈ ln q(z) − ln p(z),  z ~ q                               (seed 001)
 * </pre>
 */
public final class KlDivergence {
  private KlDivergence() {}

  /** Whether {@link #perDimension} has a closed form for this pair. */
  public static boolean hasAnalytic(Distribution q, Distribution p) {
    return q instanceof DiagonalGaussian
        && (p instanceof DiagonalGaussian || p instanceof StandardNormal);
  }

  /**
   * Analytic KL(q ‖ p) summed over the event axis.
   *
   * @throws IllegalArgumentException if the pair has no closed form here
   */
  public static Operand<TFloat32> between(Ops tf, Distribution q, Distribution p) {
    return tf.reduceSum(perDimension(tf, q, p), tf.constant(-1));
  }

  /**
   * Analytic KL(q ‖ p) for each event dimension (the terms of the sum), shape of q's parameters.
   * Needed by free bits, which floors the KL of each latent dimension.
   *
   * @throws IllegalArgumentException if the pair has no closed form here
   */
  public static Operand<TFloat32> perDimension(Ops tf, Distribution q, Distribution p) {
    if (!hasAnalytic(q, p)) {
      throw new IllegalArgumentException(
          "no analytic KL between "
              + q.getClass().getSimpleName()
              + " and "
              + p.getClass().getSimpleName()
              + "; use KlDivergence.monteCarlo(tf, q, p, z) with z ~ q");
    }
    DiagonalGaussian gq = (DiagonalGaussian) q;
    Operand<TFloat32> muQ = gq.loc();
    Operand<TFloat32> logVarQ = tf.math.add(tf.zerosLike(muQ), gq.logVariance());
    Operand<TFloat32> half = tf.constant(0.5f);
    Operand<TFloat32> one = tf.constant(1f);
    if (p instanceof StandardNormal) {
      // ½ (μ² + σ² − 1 − ln σ²)
      Operand<TFloat32> t =
          tf.math.sub(tf.math.add(tf.math.square(muQ), tf.math.exp(logVarQ)), tf.math.add(one, logVarQ));
      return tf.math.mul(half, t);
    }
    DiagonalGaussian gp = (DiagonalGaussian) p;
    Operand<TFloat32> logVarP = gp.logVariance();
    Operand<TFloat32> invVarP = tf.math.exp(tf.math.neg(logVarP));
    Operand<TFloat32> ratio =
        tf.math.mul(
            tf.math.add(tf.math.exp(logVarQ), tf.math.squaredDifference(muQ, gp.loc())), invVarP);
    Operand<TFloat32> t = tf.math.sub(tf.math.add(tf.math.sub(logVarP, logVarQ), ratio), one);
    return tf.math.mul(half, t);
  }

  /**
   * Single-sample Monte-Carlo estimate ln q(z) − ln p(z) for z ~ q; unbiased for KL(q ‖ p) when
   * averaged over samples. Works for any pair.
   *
   * @param z samples from q, shape {@code [k, ..., d]} or q's parameter shape
   */
  public static Operand<TFloat32> monteCarlo(
      Ops tf, Distribution q, Distribution p, Operand<TFloat32> z) {
    return tf.math.sub(q.logProb(tf, z), p.logProb(tf, z));
  }
}
