package dev.vaelab.vq;

import dev.vaelab.core.distribution.Bernoulli;
import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.model.Decoder;
import dev.vaelab.core.nn.Conv2d;
import dev.vaelab.core.nn.ConvTranspose2d;
import dev.vaelab.core.nn.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The VQ-VAE decoder of B3, mirroring the encoder: z_q (H/4 × W/4 × D) → ConvT(64, 1) − ReLU →
 * ConvT(32, 4, s2) − ReLU → ConvT(C, 4, s2) → H × W × C Bernoulli logits (B3: 28 × 28 × 1). (A 1 × 1 transposed
 * convolution is a 1 × 1 convolution.)
 */
public final class ConvDecoder implements Decoder {
  private final Conv2d c1;
  private final ConvTranspose2d t2;
  private final ConvTranspose2d t3;
  private final dev.vaelab.core.data.ImageShape image;
  private final int d;

  ConvDecoder(Parameters params, dev.vaelab.core.data.ImageShape image, int[] channels, int d, long seed) {
    this.c1 = new Conv2d(params, "dec_c1", d, channels[1], 1, 1, seed * 10 + 4);
    this.t2 = new ConvTranspose2d(params, "dec_t2", channels[1], channels[0], 4, 2, seed * 10 + 5);
    this.t3 = new ConvTranspose2d(params, "dec_t3", channels[0], image.channels(), 4, 2, seed * 10 + 6);
    this.image = image;
    this.d = d;
  }

  @Override
  public Distribution decode(Ops tf, Operand<TFloat32> z) {
    Operand<TFloat32> grid = tf.reshape(z, tf.constant(new int[] {-1, image.height() / 4, image.width() / 4, d}));
    Operand<TFloat32> h = tf.nn.relu(c1.apply(tf, grid));
    h = tf.nn.relu(t2.apply(tf, h));
    Operand<TFloat32> logits = t3.apply(tf, h);
    return new Bernoulli(tf.reshape(logits, tf.constant(new int[] {-1, (int) image.size()})));
  }
}
