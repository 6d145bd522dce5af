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
 * The VQ-VAE decoder of B3, mirroring the encoder: z_q (7 × 7 × D) → ConvT(64, 1) − ReLU →
 * ConvT(32, 4, s2) − ReLU → ConvT(1, 4, s2) → 28 × 28 Bernoulli logits. (A 1 × 1 transposed
 * convolution is a 1 × 1 convolution.)
 */
public final class ConvDecoder implements Decoder {
  private final Conv2d c1;
  private final ConvTranspose2d t2;
  private final ConvTranspose2d t3;
  private final int latentSide;
  private final int d;

  ConvDecoder(Parameters params, int side, int[] channels, int d, long seed) {
    this.c1 = new Conv2d(params, "dec_c1", d, channels[1], 1, 1, seed * 10 + 4);
    this.t2 = new ConvTranspose2d(params, "dec_t2", channels[1], channels[0], 4, 2, seed * 10 + 5);
    this.t3 = new ConvTranspose2d(params, "dec_t3", channels[0], 1, 4, 2, seed * 10 + 6);
    this.latentSide = side / 4;
    this.d = d;
  }

  @Override
  public Distribution decode(Ops tf, Operand<TFloat32> z) {
    Operand<TFloat32> grid = tf.reshape(z, tf.constant(new int[] {-1, latentSide, latentSide, d}));
    Operand<TFloat32> h = tf.nn.relu(c1.apply(tf, grid));
    h = tf.nn.relu(t2.apply(tf, h));
    Operand<TFloat32> logits = t3.apply(tf, h);
    int side = latentSide * 4;
    return new Bernoulli(tf.reshape(logits, tf.constant(new int[] {-1, side * side})));
  }
}
