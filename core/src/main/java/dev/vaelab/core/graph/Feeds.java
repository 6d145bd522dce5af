package dev.vaelab.core.graph;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Fast copies between Java arrays and float tensors (bulk {@code DataBuffers}, never per element). */
public final class Feeds {
  private Feeds() {}

  /** A {@code [rows, cols]} tensor holding the first rows × cols values of {@code values}. */
  public static TFloat32 matrix(float[] values, int rows, int cols) {
    long n = (long) rows * cols;
    if (values.length < n) {
      throw new IllegalArgumentException(
          "need " + n + " values for a " + rows + " x " + cols + " tensor, got " + values.length);
    }
    float[] exact = values.length == n ? values : java.util.Arrays.copyOf(values, (int) n);
    return TFloat32.tensorOf(Shape.of(rows, cols), DataBuffers.of(exact, true, false));
  }

  /** All values of a float tensor, row-major. */
  public static float[] values(Tensor t) {
    TFloat32 f = (TFloat32) t;
    float[] out = new float[(int) f.shape().size()];
    f.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  /** The value of a scalar float tensor. */
  public static float scalar(Tensor t) {
    return ((TFloat32) t).getFloat();
  }
}
