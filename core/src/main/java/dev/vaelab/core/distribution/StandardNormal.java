package dev.vaelab.core.distribution;

import dev.vaelab.core.math.Constants;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The standard normal N(0, I) over R^d, the usual VAE prior P_pri(z).
 *
 * <h2>Mathematical details</h2>
 *
 * <pre>
 *   ln N(z; 0, I) = -½ Σ_j ( ln 2π + z_j² )
 * </pre>
 */
public final class StandardNormal implements Distribution {
  private final long dimension;

  /** @param dimension d ≥ 1 */
  public StandardNormal(long dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("StandardNormal dimension must be >= 1, got " + dimension);
    }
    this.dimension = dimension;
  }

  @Override
  public long eventSize() {
    return dimension;
  }

  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Seed seed) {
    return noise(tf, shape, seed);
  }

  /** ε ~ N(0, I) of the given shape: stateless (keyed by the seed's counter) or stateful. */
  static Operand<TFloat32> noise(Ops tf, Operand<TInt32> shape, Seed seed) {
    if (seed.isStateless()) {
      return tf.random.statelessRandomNormal(shape, seed.statelessKey(tf), TFloat32.class);
    }
    return tf.random.randomStandardNormal(
        shape, TFloat32.class, RandomStandardNormal.seed(seed.seed()), RandomStandardNormal.seed2(seed.seed2()));
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> value) {
    Operand<TFloat32> perDim = tf.math.add(tf.math.square(value), tf.constant((float) Constants.LN_2PI));
    return tf.math.mul(tf.constant(-0.5f), tf.reduceSum(perDim, tf.constant(-1)));
  }

  /** The zero vector of length d (broadcasts against any batch). */
  @Override
  public Operand<TFloat32> mean(Ops tf) {
    return tf.zeros(tf.constant(new long[] {dimension}), TFloat32.class);
  }

  @Override
  public boolean isReparameterized() {
    return true;
  }
}
