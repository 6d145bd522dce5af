package dev.vaelab.core.distribution;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Noise sources shared by the distributions: stateless when the seed carries a counter. */
final class Noise {
  /** Smallest uniform value used, so that ln u and ln(−ln u) stay finite. */
  static final float TINY = 1e-20f;

  private Noise() {}

  /** u ~ U(0, 1) of the given shape. */
  static Operand<TFloat32> uniform(Ops tf, Operand<TInt32> shape, Seed seed) {
    if (seed.isStateless()) {
      return tf.random.statelessRandomUniform(shape, seed.statelessKey(tf), TFloat32.class);
    }
    return tf.random.randomUniform(shape, TFloat32.class, RandomUniform.seed(seed.seed()), RandomUniform.seed2(seed.seed2()));
  }

  /** g = −ln(−ln u) ~ Gumbel(0, 1), u ~ U(0, 1) kept away from 0 and 1. */
  static Operand<TFloat32> gumbel(Ops tf, Operand<TInt32> shape, Seed seed) {
    Operand<TFloat32> u = tf.math.maximum(uniform(tf, shape, seed), tf.constant(TINY));
    Operand<TFloat32> inner = tf.math.maximum(tf.math.neg(tf.math.log(u)), tf.constant(TINY));
    return tf.math.neg(tf.math.log(inner));
  }
}
