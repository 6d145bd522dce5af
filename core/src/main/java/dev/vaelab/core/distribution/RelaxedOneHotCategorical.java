package dev.vaelab.core.distribution;

import dev.vaelab.core.math.LogSumExp;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The relaxed one-hot categorical — Gumbel-softmax (Jang et al. 2017) or Concrete (Maddison et al.
 * 2017) — over the simplex of K classes, with logits ℓ and temperature τ &gt; 0. As τ → 0 its
 * samples become one-hot with P(argmax = k) = softmax(ℓ)_k; for τ &gt; 0 they are a differentiable
 * function of ℓ, so the latent is reparameterised.
 *
 * <h2>Mathematical details</h2>
 *
 * <pre>
 *   sample    : y = softmax((ℓ + g) / τ),   g_k ~ Gumbel(0, 1)
 *   ln p(y)   = ln Γ(K) + (K − 1) ln τ + Σ_k (ℓ_k − (τ + 1) ln y_k) − K · ln Σ_k exp(ℓ_k − τ ln y_k)
 * </pre>
 *
 * The temperature is an operand, so it may depend on the training step (an annealing schedule
 * built from {@code ObjectiveContext.step()}).
 */
public final class RelaxedOneHotCategorical implements Distribution {
  private final Operand<TFloat32> logits;
  private final Operand<TFloat32> temperature;
  private final long classes;

  /**
   * @param logits ℓ, shape {@code [..., K]}
   * @param temperature τ &gt; 0, a scalar operand
   */
  public RelaxedOneHotCategorical(Operand<TFloat32> logits, Operand<TFloat32> temperature) {
    if (logits.shape().numDimensions() < 1 || logits.shape().get(-1) < 2) {
      throw new IllegalArgumentException("relaxed categorical logits need a known last axis K >= 2, got shape " + logits.shape());
    }
    this.logits = logits;
    this.temperature = temperature;
    this.classes = logits.shape().get(-1);
  }

  /** ℓ. */
  public Operand<TFloat32> logits() {
    return logits;
  }

  /** τ. */
  public Operand<TFloat32> temperature() {
    return temperature;
  }

  /** The unrelaxed categorical with the same logits. */
  public Categorical hard() {
    return new Categorical(logits);
  }

  @Override
  public long eventSize() {
    return classes;
  }

  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Seed seed) {
    Operand<TFloat32> g = Noise.gumbel(tf, shape, seed);
    return tf.nn.softmax(tf.math.div(tf.math.add(logits, g), temperature));
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> value) {
    int k = (int) classes;
    Operand<TFloat32> logY = tf.math.log(tf.math.maximum(value, tf.constant(Noise.TINY)));
    double lnGammaK = 0;
    for (int i = 2; i < k; i++) {
      lnGammaK += Math.log(i); // ln (K − 1)!
    }
    Operand<TFloat32> constant =
        tf.math.add(tf.constant((float) lnGammaK), tf.math.mul(tf.constant((float) (k - 1)), tf.math.log(temperature)));
    Operand<TFloat32> sum = tf.reduceSum(
        tf.math.sub(tf.math.add(tf.zerosLike(logY), logits), tf.math.mul(tf.math.add(temperature, tf.constant(1f)), logY)),
        tf.constant(-1));
    Operand<TFloat32> lse = LogSumExp.logSumExp(tf, tf.math.sub(tf.math.add(tf.zerosLike(logY), logits), tf.math.mul(temperature, logY)), -1);
    return tf.math.sub(tf.math.add(constant, sum), tf.math.mul(tf.constant((float) k), lse));
  }

  /** softmax(ℓ): the class probabilities (the limit of the mean as τ → 0). */
  @Override
  public Operand<TFloat32> mean(Ops tf) {
    return tf.nn.softmax(logits);
  }

  @Override
  public boolean isReparameterized() {
    return true;
  }
}
