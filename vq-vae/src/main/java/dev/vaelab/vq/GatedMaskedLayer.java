package dev.vaelab.vq;

import dev.vaelab.core.nn.MaskedConv2d;
import dev.vaelab.core.nn.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One gated masked layer of a gated PixelCNN (van den Oord et al. 2016, "Conditional Image
 * Generation with PixelCNN Decoders"), with a vertical and a horizontal stack, so that it has no
 * blind spot:
 *
 * <pre>
 *   v' = V ⋆ v                         (kernel ⌊k/2⌋+1 × k: rows i−⌊k/2⌋ … i)
 *   h' = H ⋆ h                         (kernel 1 × ⌊k/2⌋+1: columns j−⌊k/2⌋ … j of row i)
 *   v_out = tanh(v'_a) ⊙ σ(v'_b)
 *   h_out = W_o · [tanh(u_a) ⊙ σ(u_b)] (+ h if residual),   u = W_vh · v' + h'
 * </pre>
 *
 * where a, b are the two halves of the 2·C channels. In a type-A (first) layer the vertical kernel's
 * last row (the current row) and the horizontal kernel's last column (the current position) are
 * masked out; type-B layers keep them. The vertical stack therefore only ever sees rows above the
 * current one, and the horizontal stack positions to the left, so the output at (i, j) depends only
 * on inputs that come before (i, j) in raster order.
 */
final class GatedMaskedLayer {
  private final MaskedConv2d vertical;
  private final MaskedConv2d horizontal;
  private final MaskedConv2d verticalToHorizontal;
  private final MaskedConv2d horizontalOut;
  private final boolean residual;
  private final int channels;

  /** The two stacks' outputs. */
  record Stacks(Operand<TFloat32> vertical, Operand<TFloat32> horizontal) {}

  GatedMaskedLayer(Parameters params, String name, int channels, int kernel, boolean typeA, boolean residual, long seed) {
    if (kernel < 2 || kernel % 2 == 0) {
      throw new IllegalArgumentException("PixelCNN kernel must be odd and >= 3, got " + kernel);
    }
    int half = kernel / 2;
    float[] vMask = MaskedConv2d.ones(half + 1, kernel);
    float[] hMask = MaskedConv2d.ones(1, half + 1);
    if (typeA) {
      for (int c = 0; c < kernel; c++) {
        vMask[half * kernel + c] = 0f; // the current row
      }
      hMask[half] = 0f; // the current position
    }
    this.vertical = new MaskedConv2d(params, name + "_v", channels, 2 * channels, half + 1, kernel, vMask, half, half, half, seed);
    this.horizontal = new MaskedConv2d(params, name + "_h", channels, 2 * channels, 1, half + 1, hMask, 0, half, 0, seed + 1);
    this.verticalToHorizontal =
        new MaskedConv2d(params, name + "_v2h", 2 * channels, 2 * channels, 1, 1, MaskedConv2d.ones(1, 1), 0, 0, 0, seed + 2);
    this.horizontalOut = new MaskedConv2d(params, name + "_hout", channels, channels, 1, 1, MaskedConv2d.ones(1, 1), 0, 0, 0, seed + 3);
    this.residual = residual;
    this.channels = channels;
  }

  Stacks apply(Ops tf, Operand<TFloat32> v, Operand<TFloat32> h) {
    Operand<TFloat32> vPre = vertical.apply(tf, v);
    Operand<TFloat32> hPre = horizontal.apply(tf, h);
    Operand<TFloat32> vOut = gate(tf, vPre);
    Operand<TFloat32> gated = gate(tf, tf.math.add(verticalToHorizontal.apply(tf, vPre), hPre));
    Operand<TFloat32> hOut = horizontalOut.apply(tf, gated);
    if (residual) {
      hOut = tf.math.add(hOut, h);
    }
    return new Stacks(vOut, hOut);
  }

  /** tanh(first half of the channels) ⊙ σ(second half). */
  private Operand<TFloat32> gate(Ops tf, Operand<TFloat32> t) {
    Operand<TFloat32> a = tf.slice(t, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {-1, -1, -1, channels}));
    Operand<TFloat32> b = tf.slice(t, tf.constant(new int[] {0, 0, 0, channels}), tf.constant(new int[] {-1, -1, -1, channels}));
    return tf.math.mul(tf.math.tanh(a), tf.math.sigmoid(b));
  }
}
