package dev.vaelab.vq;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.model.Encoder;
import dev.vaelab.core.nn.Conv2d;
import dev.vaelab.core.nn.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The VQ-VAE encoder of B3: y (H × W × C; B3: 28 × 28 × 1) → Conv(32, 4, s2) − ReLU → Conv(64, 4, s2)
 * − ReLU → Conv(D, 1) giving z_e of H/4 × W/4 × D, then the {@link VectorQuantizer}: P_enc(z|y) is one-hot at
 * the nearest codes.
 */
public final class ConvEncoder implements Encoder {
  private final Conv2d c1;
  private final Conv2d c2;
  private final Conv2d c3;
  private final VectorQuantizer quantizer;
  private final dev.vaelab.core.data.ImageShape image;
  private final long eventSize;

  ConvEncoder(Parameters params, dev.vaelab.core.data.ImageShape image, int[] channels, VectorQuantizer quantizer, long seed) {
    int d = quantizer.config().dimension();
    this.c1 = new Conv2d(params, "enc_c1", image.channels(), channels[0], 4, 2, seed * 10 + 1);
    this.c2 = new Conv2d(params, "enc_c2", channels[0], channels[1], 4, 2, seed * 10 + 2);
    this.c3 = new Conv2d(params, "enc_c3", channels[1], d, 1, 1, seed * 10 + 3);
    this.quantizer = quantizer;
    this.image = image;
    this.eventSize = (long) (image.height() / 4) * (image.width() / 4) * d;
  }

  /** z_e, {@code [batch, H/4, W/4, D]}, before quantisation. */
  public Operand<TFloat32> encodeContinuous(Ops tf, Operand<TFloat32> y) {
    Operand<TFloat32> img = tf.reshape(y, tf.constant(new int[] {-1, image.height(), image.width(), image.channels()}));
    Operand<TFloat32> h = tf.nn.relu(c1.apply(tf, img));
    h = tf.nn.relu(c2.apply(tf, h));
    return c3.apply(tf, h);
  }

  @Override
  public Distribution encode(Ops tf, Operand<TFloat32> y) {
    return new QuantizedLatent(tf, quantizer.quantize(tf, encodeContinuous(tf, y)), quantizer, eventSize);
  }
}
