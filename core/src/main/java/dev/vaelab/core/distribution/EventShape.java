package dev.vaelab.core.distribution;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;

/** Shape arithmetic on the event axis (the last one), for operands whose leading shape is dynamic. */
public final class EventShape {
  private EventShape() {}

  /** {@code shape[:-1] + [size]}: the same leading axes with an event axis of another size. */
  public static Operand<TInt32> withEventSize(Ops tf, Operand<TInt32> shape, long size) {
    Operand<TInt32> rank = tf.size(shape);
    Operand<TInt32> lead = tf.slice(shape, tf.constant(new int[] {0}), tf.reshape(tf.math.sub(rank, tf.constant(1)), tf.constant(new int[] {1})));
    return tf.concat(List.of(lead, tf.constant(new int[] {(int) size})), tf.constant(0));
  }
}
