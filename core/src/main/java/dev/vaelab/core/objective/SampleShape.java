package dev.vaelab.core.objective;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Shapes for latent samples, derived from the batch placeholder rather than from a variable (a
 * random op whose shape depends on a variable breaks TensorFlow Java's gradients).
 */
public final class SampleShape {
  private SampleShape() {}

  /** {@code [batch, d]} with batch = the leading size of y. */
  public static Operand<TInt32> perExample(Ops tf, Operand<TFloat32> y, long d) {
    return tf.concat(List.of(batchSize(tf, y), tf.constant(new int[] {(int) d})), tf.constant(0));
  }

  /** {@code [k, batch, d]}: k samples for every example. */
  public static Operand<TInt32> samplesPerExample(Ops tf, Operand<TFloat32> y, long k, long d) {
    if (k < 1) {
      throw new IllegalArgumentException("number of samples k must be >= 1, got " + k);
    }
    return tf.concat(
        List.of(tf.constant(new int[] {(int) k}), batchSize(tf, y), tf.constant(new int[] {(int) d})),
        tf.constant(0));
  }

  private static Operand<TInt32> batchSize(Ops tf, Operand<TFloat32> y) {
    return tf.slice(tf.shape(y), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
  }
}
