package dev.vaelab.vq;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.model.Encoder;
import dev.vaelab.core.nn.Conv2d;
import dev.vaelab.core.nn.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The VQ-VAE encoder of B3: y (28 × 28 × 1) → Conv(32, 4, s2) − ReLU → Conv(64, 4, s2) − ReLU →
 * Conv(D, 1) giving z_e of 7 × 7 × D, then the {@link VectorQuantizer}: P_enc(z|y) is one-hot at
 * the nearest codes.
 */
public final class ConvEncoder implements Encoder {
  private final Conv2d c1;
  private final Conv2d c2;
  private final Conv2d c3;
  private final VectorQuantizer quantizer;
  private final int side;
  private final long eventSize;

  ConvEncoder(Parameters params, int side, int[] channels, VectorQuantizer quantizer, long seed) {
    int d = quantizer.config().dimension();
    this.c1 = new Conv2d(params, "enc_c1", 1, channels[0], 4, 2, seed * 10 + 1);
    this.c2 = new Conv2d(params, "enc_c2", channels[0], channels[1], 4, 2, seed * 10 + 2);
    this.c3 = new Conv2d(params, "enc_c3", channels[1], d, 1, 1, seed * 10 + 3);
    this.quantizer = quantizer;
    this.side = side;
    this.eventSize = (long) (side / 4) * (side / 4) * d;
  }

  /** z_e, {@code [batch, side/4, side/4, D]}, before quantisation. */
  public Operand<TFloat32> encodeContinuous(Ops tf, Operand<TFloat32> y) {
    Operand<TFloat32> img = tf.reshape(y, tf.constant(new int[] {-1, side, side, 1}));
    Operand<TFloat32> h = tf.nn.relu(c1.apply(tf, img));
    h = tf.nn.relu(c2.apply(tf, h));
    return c3.apply(tf, h);
  }

  @Override
  public Distribution encode(Ops tf, Operand<TFloat32> y) {
    return new QuantizedLatent(tf, quantizer.quantize(tf, encodeContinuous(tf, y)), quantizer, eventSize);
  }
}
