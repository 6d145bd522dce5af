package dev.vaelab.core.distribution;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Independent Bernoulli variables parameterised by logits l = ln(p / (1 − p)), the usual decoder
 * P_dec(y|z) for binary images.
 *
 * <h2>Mathematical details</h2>
 *
 * <pre>
 *   ln P(y | l) = Σ_j [ y_j l_j − softplus(l_j) ]      softplus(l) = ln(1 + e^l)
 * </pre>
 *
 * which is the negative binary cross-entropy with logits; it is finite for any logit (no
 * ln(sigmoid) that underflows at l = −50). Values may be any numbers in [0, 1] (the same formula
 * is the cross-entropy against a grey level).
 */
public final class Bernoulli implements Distribution {
  private final Operand<TFloat32> logits;

  /** @param logits l, shape {@code [..., d]} */
  public Bernoulli(Operand<TFloat32> logits) {
    this.logits = logits;
  }

  /** The logits l. */
  public Operand<TFloat32> logits() {
    return logits;
  }

  @Override
  public long eventSize() {
    return logits.shape().get(-1);
  }

  /** Draws 0/1 values: 1 where u &lt; sigmoid(l), u ~ U(0, 1). Not reparameterised. */
  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Seed seed) {
    Operand<TFloat32> u =
        seed.isStateless()
            ? tf.random.statelessRandomUniform(shape, seed.statelessKey(tf), TFloat32.class)
            : tf.random.randomUniform(shape, TFloat32.class, RandomUniform.seed(seed.seed()), RandomUniform.seed2(seed.seed2()));
    return tf.dtypes.cast(tf.math.less(u, tf.math.sigmoid(logits)), TFloat32.class);
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> value) {
    Operand<TFloat32> perDim = tf.math.sub(tf.math.mul(value, logits), tf.math.softplus(logits));
    return tf.reduceSum(perDim, tf.constant(-1));
  }

  /** sigmoid(l). */
  @Override
  public Operand<TFloat32> mean(Ops tf) {
    return tf.math.sigmoid(logits);
  }

  @Override
  public boolean isReparameterized() {
    return false;
  }
}
