package dev.vaelab.core.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.RandomUniform;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Transposed 2-D convolution on NHWC tensors: {@code [batch, h, w, in]} → {@code [batch, h·s, w·s,
 * out]} ("SAME" padding; for a 4 × 4 kernel and stride 2 that is PyTorch's {@code
 * ConvTranspose2d(k=4, s=2, p=1)}), built on {@code Conv2DBackpropInput} with the batch size taken
 * from {@code tf.shape}. Initialised U(±1/√fan_in) with fan_in = out · k · k, as PyTorch does for
 * transposed convolutions.
 */
public final class ConvTranspose2d {
  private final Operand<TFloat32> w;
  private final Operand<TFloat32> b;
  private final int stride;
  private final int in;
  private final int out;

  public ConvTranspose2d(Parameters params, String name, int in, int out, int kernel, int stride, long seed) {
    if (in < 1 || out < 1 || kernel < 1 || stride < 1) {
      throw new IllegalArgumentException(
          "ConvTranspose2d '" + name + "' needs positive sizes, got in " + in + ", out " + out + ", kernel " + kernel + ", stride " + stride);
    }
    double bound = 1.0 / Math.sqrt((double) out * kernel * kernel);
    // the filter of the backward convolution: [k, k, out, in]
    this.w = params.create(name + "_W", Shape.of(kernel, kernel, out, in), new RandomUniform<>(-bound, bound, seed));
    this.b = params.create(name + "_b", Shape.of(out), new RandomUniform<>(-bound, bound, seed + 7919));
    this.stride = stride;
    this.in = in;
    this.out = out;
  }

  /** The transposed convolution of x ({@code [batch, h, w, in]}, h and w known). */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Shape s = x.shape();
    if (s.numDimensions() != 4 || s.get(1) < 1 || s.get(2) < 1 || (s.get(3) != in && s.get(3) != Shape.UNKNOWN_SIZE)) {
      throw new IllegalArgumentException("ConvTranspose2d expects [batch, h, w, " + in + "] with known h, w; got " + s);
    }
    Operand<TInt32> batch = tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    Operand<TInt32> outSize =
        tf.concat(
            List.of(batch, tf.constant(new int[] {(int) s.get(1) * stride, (int) s.get(2) * stride, out})), tf.constant(0));
    return tf.nn.biasAdd(
        tf.nn.conv2dBackpropInput(outSize, w, x, List.of(1L, (long) stride, (long) stride, 1L), "SAME"), b);
  }
}
