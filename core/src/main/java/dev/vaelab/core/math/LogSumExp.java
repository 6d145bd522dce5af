package dev.vaelab.core.math;

import org.tensorflow.Operand;
import org.tensorflow.framework.op.FrameworkOps;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.family.TFloating;

/**
 * Numerically stable ln Σ exp and ln mean exp along one axis.
 *
 * <h2>Mathematical details</h2>
 *
 * <pre>
 *   ln Σ_i e^{a_i}       = m + ln Σ_i e^{a_i − m},   m = max_i a_i
 *   ln (1/k) Σ_i e^{a_i} = ln Σ_i e^{a_i} − ln k
 * </pre>
 *
 * <p>Built on the framework's {@code ReduceLogSumExp} with {@code keepDims = true} followed by a
 * squeeze: with {@code keepDims = false} the framework op is wrong on a non-leading axis (a shape
 * error on [3,4], silently wrong numbers on a square input; see TFJAVA.md). The tests recompute
 * both functions in plain Java at ±1000.
 */
public final class LogSumExp {
  private LogSumExp() {}

  /** ln Σ exp over {@code axis}, which is removed from the result (float32 or float64). */
  public static <T extends TFloating> Operand<T> logSumExp(Ops tf, Operand<T> a, int axis) {
    Operand<T> kept =
        FrameworkOps.create(tf).math.reduceLogSumExp(a, new int[] {axis}, true);
    return tf.squeeze(kept, Squeeze.axis(java.util.List.of((long) axis)));
  }

  /** ln (1/k) Σ exp over {@code axis} (k = its size, known statically). */
  public static <T extends TFloating> Operand<T> logMeanExp(Ops tf, Operand<T> a, int axis) {
    long k = a.shape().get(axis);
    if (k <= 0) {
      throw new IllegalArgumentException(
          "logMeanExp needs a static, positive size on axis " + axis + ", got shape " + a.shape());
    }
    return tf.math.sub(logSumExp(tf, a, axis), tf.dtypes.cast(tf.constant(Math.log(k)), a.type()));
  }

  /** Plain-Java ln Σ exp, in double precision (used for host-side reductions). */
  public static double logSumExp(double[] a) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : a) {
      m = Math.max(m, v);
    }
    if (m == Double.NEGATIVE_INFINITY) {
      return m;
    }
    double s = 0;
    for (double v : a) {
      s += Math.exp(v - m);
    }
    return m + Math.log(s);
  }
}
