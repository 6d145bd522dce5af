package dev.vaelab.core.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.RandomUniform;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A stride-1 2-D convolution on NHWC tensors whose kernel is multiplied by a fixed 0/1 mask and whose
 * input is padded on chosen sides only — the building block of autoregressive convolutions
 * (PixelCNN, van den Oord et al. 2016):
 *
 * <pre>
 *   y[i, j] = b + Σ_{a &lt; kh, c &lt; kw} M[a, c] · W[a, c] · x̃[i + a, j + c],
 *   x̃ = x padded with padTop rows above, padLeft / padRight columns left / right (no rows below)
 * </pre>
 *
 * so the output is {@code [batch, H + padTop − kh + 1, W + padLeft + padRight − kw + 1, out]}. With
 * kh = ⌊k/2⌋ + 1, padTop = ⌊k/2⌋, kw = k and padLeft = padRight = ⌊k/2⌋ output row i sees input rows
 * i − ⌊k/2⌋ … i only (the vertical stack); with kh = 1, kw = ⌊k/2⌋ + 1, padLeft = ⌊k/2⌋, padRight = 0
 * output (i, j) sees columns j − ⌊k/2⌋ … j of row i only (the horizontal stack). The mask removes
 * further taps, e.g. the current row or pixel in a first ("type A") layer. Weights and bias
 * U(−1/√fan_in, 1/√fan_in) with fan_in = in · kh · kw (PyTorch's default).
 */
public final class MaskedConv2d {
  private final Operand<TFloat32> w;
  private final Operand<TFloat32> b;
  private final float[] mask;
  private final int kh;
  private final int kw;
  private final int in;
  private final int padTop;
  private final int padLeft;
  private final int padRight;

  /**
   * @param mask kh · kw values in {0, 1}, row-major; applied to every (in, out) channel pair
   */
  public MaskedConv2d(Parameters params, String name, int in, int out, int kh, int kw, float[] mask, int padTop, int padLeft,
      int padRight, long seed) {
    if (in < 1 || out < 1 || kh < 1 || kw < 1) {
      throw new IllegalArgumentException(
          "MaskedConv2d '" + name + "' needs positive sizes, got in " + in + ", out " + out + ", kernel " + kh + "x" + kw);
    }
    if (padTop < 0 || padLeft < 0 || padRight < 0) {
      throw new IllegalArgumentException("MaskedConv2d '" + name + "' padding must be >= 0, got top " + padTop + ", left " + padLeft
          + ", right " + padRight);
    }
    if (mask.length != kh * kw) {
      throw new IllegalArgumentException("MaskedConv2d '" + name + "' mask needs " + kh * kw + " values (kernel " + kh + "x" + kw
          + "), got " + mask.length);
    }
    for (float m : mask) {
      if (m != 0f && m != 1f) {
        throw new IllegalArgumentException("MaskedConv2d '" + name + "' mask values must be 0 or 1, got " + m);
      }
    }
    double bound = 1.0 / Math.sqrt((double) in * kh * kw);
    this.w = params.create(name + "_W", Shape.of(kh, kw, in, out), new RandomUniform<>(-bound, bound, seed));
    this.b = params.create(name + "_b", Shape.of(out), new RandomUniform<>(-bound, bound, seed + 7919));
    this.mask = mask.clone();
    this.kh = kh;
    this.kw = kw;
    this.in = in;
    this.padTop = padTop;
    this.padLeft = padLeft;
    this.padRight = padRight;
  }

  /** A mask of ones (an unmasked convolution with one-sided padding). */
  public static float[] ones(int kh, int kw) {
    float[] m = new float[kh * kw];
    java.util.Arrays.fill(m, 1f);
    return m;
  }

  /** The masked convolution of x ({@code [batch, h, w, in]}). */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    if (x.shape().numDimensions() != 4 || (x.shape().get(3) != in && x.shape().get(3) != Shape.UNKNOWN_SIZE)) {
      throw new IllegalArgumentException("MaskedConv2d expects [batch, h, w, " + in + "], got " + x.shape());
    }
    Operand<TFloat32> m = tf.constant(Shape.of(kh, kw, 1, 1), DataBuffers.of(mask, true, false));
    Operand<TFloat32> padded =
        tf.pad(x, tf.constant(new int[][] {{0, 0}, {padTop, 0}, {padLeft, padRight}, {0, 0}}), tf.constant(0f));
    return tf.nn.biasAdd(tf.nn.conv2d(padded, tf.math.mul(w, m), List.of(1L, 1L, 1L, 1L), "VALID"), b);
  }
}
