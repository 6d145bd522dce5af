package dev.vaelab.gaussian;

import dev.vaelab.core.data.ImageShape;
import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.model.Encoder;
import dev.vaelab.core.nn.Activation;
import dev.vaelab.core.nn.Conv2d;
import dev.vaelab.core.nn.Dense;
import dev.vaelab.core.nn.Mlp;
import dev.vaelab.core.nn.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The convolutional diagonal-Gaussian encoder: y (H × W × C) → Conv(c₁, 4, s2) − ReLU → Conv(c₂, 4,
 * s2) − ReLU → flatten (H/4 · W/4 · c₂) → dense hidden layers (ReLU) → μ and ln σ² (two linear heads
 * of d). The two convolutions are core's {@link Conv2d}, those of the VQ-VAE's encoder.
 */
public final class ConvGaussianEncoder implements Encoder {
  private final ImageShape shape;
  private final Conv2d c1;
  private final Conv2d c2;
  private final Mlp hidden;
  private final Dense meanHead;
  private final Dense logVarianceHead;

  ConvGaussianEncoder(Parameters params, ImageShape shape, int[] channels, long[] hidden, long latentSize, long seed) {
    this.shape = shape;
    this.c1 = new Conv2d(params, "enc_c1", shape.channels(), channels[0], 4, 2, seed * 10 + 1);
    this.c2 = new Conv2d(params, "enc_c2", channels[0], channels[1], 4, 2, seed * 10 + 2);
    long flat = (long) (shape.height() / 4) * (shape.width() / 4) * channels[1];
    long[] sizes = new long[hidden.length + 1];
    sizes[0] = flat;
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    this.hidden = new Mlp(params, "enc_fc", sizes, Activation.RELU, seed * 10 + 3);
    long last = sizes[sizes.length - 1];
    this.meanHead = new Dense(params, "enc_mean", last, latentSize, seed * 10 + 4);
    this.logVarianceHead = new Dense(params, "enc_logvar", last, latentSize, seed * 10 + 5);
  }

  @Override
  public Distribution encode(Ops tf, Operand<TFloat32> y) {
    Operand<TFloat32> img = tf.reshape(y, tf.constant(new int[] {-1, shape.height(), shape.width(), shape.channels()}));
    Operand<TFloat32> h = tf.nn.relu(c2.apply(tf, tf.nn.relu(c1.apply(tf, img))));
    long flat = h.shape().get(1) * h.shape().get(2) * h.shape().get(3);
    h = tf.nn.relu(hidden.apply(tf, tf.reshape(h, tf.constant(new long[] {-1, flat}))));
    return new DiagonalGaussian(meanHead.apply(tf, h), logVarianceHead.apply(tf, h));
  }
}
