package dev.vaelab.gaussian;

import dev.vaelab.core.data.ImageShape;
import dev.vaelab.core.distribution.Bernoulli;
import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.Gaussian;
import dev.vaelab.core.model.Decoder;
import dev.vaelab.core.nn.Activation;
import dev.vaelab.core.nn.ConvTranspose2d;
import dev.vaelab.core.nn.Mlp;
import dev.vaelab.core.nn.Parameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The convolutional decoder, mirroring {@link ConvGaussianEncoder}: z → dense layers (ReLU) → H/4 ×
 * W/4 × c₂ − ReLU → ConvT(c₁, 4, s2) − ReLU → ConvT(C, 4, s2) → H × W × C outputs, read as Bernoulli
 * logits or as the mean of a Gaussian with fixed or learned per-value σ (as {@link GaussianDecoder}).
 * z may carry leading sample axes ({@code [k, batch, d]}).
 */
public final class ConvMeanDecoder implements Decoder {
  private final ImageShape shape;
  private final int[] channels;
  private final Mlp fc;
  private final ConvTranspose2d t1;
  private final ConvTranspose2d t2;
  private final GaussianVae.DecoderType type;
  private final double sigma;
  private final Operand<TFloat32> logSigma;

  ConvMeanDecoder(Parameters params, ImageShape shape, int[] channels, long[] hidden, long latentSize,
      GaussianVae.DecoderType type, double sigma, long seed) {
    this.shape = shape;
    this.channels = channels.clone();
    long grid = (long) (shape.height() / 4) * (shape.width() / 4) * channels[1];
    long[] sizes = new long[hidden.length + 2];
    sizes[0] = latentSize;
    for (int i = 0; i < hidden.length; i++) {
      sizes[i + 1] = hidden[hidden.length - 1 - i];
    }
    sizes[sizes.length - 1] = grid;
    this.fc = new Mlp(params, "dec_fc", sizes, Activation.RELU, seed * 10 + 6);
    this.t1 = new ConvTranspose2d(params, "dec_t1", channels[1], channels[0], 4, 2, seed * 10 + 7);
    this.t2 = new ConvTranspose2d(params, "dec_t2", channels[0], shape.channels(), 4, 2, seed * 10 + 8);
    this.type = type;
    this.sigma = sigma;
    this.logSigma = type == GaussianVae.DecoderType.GAUSSIAN_LEARNED_SIGMA
        ? params.create("dec_log_sigma", Shape.of(shape.size()), new org.tensorflow.framework.initializers.Constant<>(Math.log(sigma)))
        : null;
  }

  @Override
  public Distribution decode(Ops tf, Operand<TFloat32> z) {
    int rank = z.shape().numDimensions();
    Operand<TInt32> leading = tf.slice(tf.shape(z), tf.constant(new int[] {0}), tf.constant(new int[] {rank - 1}));
    Operand<TFloat32> flatZ = tf.reshape(z, tf.constant(new long[] {-1, z.shape().get(-1)}));
    Operand<TFloat32> h = tf.nn.relu(fc.apply(tf, flatZ));
    h = tf.reshape(h, tf.constant(new int[] {-1, shape.height() / 4, shape.width() / 4, channels[1]}));
    Operand<TFloat32> out = t2.apply(tf, tf.nn.relu(t1.apply(tf, h)));
    Operand<TFloat32> flat = tf.reshape(out, tf.concat(List.of(leading, tf.constant(new int[] {(int) shape.size()})), tf.constant(0)));
    return switch (type) {
      case BERNOULLI -> new Bernoulli(flat);
      case GAUSSIAN_FIXED_SIGMA -> Gaussian.withFixedSigma(tf, flat, sigma);
      case GAUSSIAN_LEARNED_SIGMA -> Gaussian.withLearnedSigma(tf, flat, logSigma);
    };
  }
}
