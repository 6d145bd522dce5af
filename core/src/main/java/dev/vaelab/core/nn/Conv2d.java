package dev.vaelab.core.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.RandomUniform;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * 2-D convolution on NHWC tensors: {@code [batch, height, width, in]} → {@code [batch, height/s,
 * width/s, out]} with "SAME" padding (for a 4 × 4 kernel and stride 2 that is PyTorch's padding 1).
 * Weights and bias U(−1/√fan_in, 1/√fan_in), fan_in = in · k · k (PyTorch's default).
 */
public final class Conv2d {
  private final Operand<TFloat32> w;
  private final Operand<TFloat32> b;
  private final int stride;
  private final int in;

  /**
   * @param name prefix of the variable names
   * @param kernel kernel side k
   */
  public Conv2d(Parameters params, String name, int in, int out, int kernel, int stride, long seed) {
    if (in < 1 || out < 1 || kernel < 1 || stride < 1) {
      throw new IllegalArgumentException(
          "Conv2d '" + name + "' needs positive sizes, got in " + in + ", out " + out + ", kernel " + kernel + ", stride " + stride);
    }
    double bound = 1.0 / Math.sqrt((double) in * kernel * kernel);
    this.w = params.create(name + "_W", Shape.of(kernel, kernel, in, out), new RandomUniform<>(-bound, bound, seed));
    this.b = params.create(name + "_b", Shape.of(out), new RandomUniform<>(-bound, bound, seed + 7919));
    this.stride = stride;
    this.in = in;
  }

  /** The convolution of x ({@code [batch, h, w, in]}). */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    if (x.shape().numDimensions() != 4 || (x.shape().get(3) != in && x.shape().get(3) != Shape.UNKNOWN_SIZE)) {
      throw new IllegalArgumentException("Conv2d expects [batch, h, w, " + in + "], got " + x.shape());
    }
    return tf.nn.biasAdd(tf.nn.conv2d(x, w, List.of(1L, (long) stride, (long) stride, 1L), "SAME"), b);
  }
}
