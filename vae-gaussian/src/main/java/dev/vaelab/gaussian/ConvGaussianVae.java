package dev.vaelab.gaussian;

import dev.vaelab.core.data.ImageShape;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.model.Prior;
import dev.vaelab.core.model.PriorFactory;
import dev.vaelab.core.model.Conditioning;
import dev.vaelab.core.nn.Parameters;
import java.util.Arrays;
import org.tensorflow.op.Ops;

/**
 * The convolutional Gaussian VAE: the Gaussian VAE's triad with a convolutional encoder and decoder
 * ({@link ConvGaussianEncoder}, {@link ConvMeanDecoder}) built from core's {@code Conv2d} and
 * {@code ConvTranspose2d}, for images of any H × W × C with H and W multiples of 4. Any prior
 * ({@link PriorFactory}); train it with the ELBO or an importance-weighted bound.
 *
 * @param image the input's H × W × C (D = H·W·C, flattened HWC)
 * @param channels c₁, c₂ of the two stride-2 convolutions
 * @param hidden dense layers between the flattened features and z (both directions)
 * @param latentSize d
 * @param decoder Bernoulli logits (binary data) or Gaussian mean (fixed or learned σ)
 * @param decoderSigma σ of a Gaussian decoder (fixed, or initial when learned)
 * @param prior P_pri(z)
 */
public record ConvGaussianVae(ImageShape image, int[] channels, long[] hidden, long latentSize, GaussianVae.DecoderType decoder,
    double decoderSigma, PriorFactory prior) implements ModelSpec {
  /** c₁, c₂ of the VQ-VAE's encoder. */
  public static final int[] DEFAULT_CHANNELS = {32, 64};
  /** One dense layer of 256. */
  public static final long[] DEFAULT_HIDDEN = {256};

  public ConvGaussianVae {
    if (image == null) {
      throw new IllegalArgumentException("image shape must be given");
    }
    if (image.height() % 4 != 0 || image.width() % 4 != 0) {
      throw new IllegalArgumentException("the convolutional VAE halves the image twice: height and width must be multiples of 4, got " + image);
    }
    if (channels == null || channels.length != 2 || channels[0] < 1 || channels[1] < 1) {
      throw new IllegalArgumentException("channels must be two sizes >= 1, got " + Arrays.toString(channels));
    }
    channels = channels.clone();
    hidden = hidden == null ? new long[0] : hidden.clone();
    for (long h : hidden) {
      if (h < 1) {
        throw new IllegalArgumentException("hidden sizes must be >= 1, got " + Arrays.toString(hidden));
      }
    }
    if (latentSize < 1) {
      throw new IllegalArgumentException("latentSize must be >= 1, got " + latentSize);
    }
    if (decoder == null || !(decoderSigma > 0)) {
      throw new IllegalArgumentException("decoder must be given and decoderSigma > 0, got " + decoder + ", " + decoderSigma);
    }
    if (prior == null) {
      throw new IllegalArgumentException("prior must be given (PriorFactory.STANDARD_NORMAL by default)");
    }
  }

  /** 28 × 28 × 1, channels 32-64, one dense layer of 256, d = 20, Bernoulli, N(0, I). */
  public static ConvGaussianVae defaults() {
    return new ConvGaussianVae(new ImageShape(28, 28, 1), DEFAULT_CHANNELS, DEFAULT_HIDDEN, GaussianVae.DEFAULT_LATENT_SIZE,
        GaussianVae.DecoderType.BERNOULLI, GaussianVae.DEFAULT_DECODER_SIGMA, PriorFactory.STANDARD_NORMAL);
  }

  @Override
  public String name() {
    return "conv-gaussian-vae";
  }

  @Override
  public long dataSize() {
    return image.size();
  }

  @Override
  public LatentVariableModel build(Ops tf, Parameters params, long seed) {
    ConvGaussianEncoder enc = new ConvGaussianEncoder(params, image, channels, hidden, latentSize, seed);
    ConvMeanDecoder dec = new ConvMeanDecoder(params, image, channels, hidden, latentSize, decoder, decoderSigma, seed);
    Prior p = prior.build(tf, params, enc, latentSize, Conditioning.NONE, seed * 10 + 9);
    return new LatentVariableModel(enc, p, dec, image.size(), latentSize);
  }

  /** D = H·W·C values; a Bernoulli decoder scores values in [0, 1] only. */
  @Override
  public void checkData(dev.vaelab.core.data.Dataset data) {
    data.requireDimension(image.size(), "model '" + name() + "' (images " + image + ")");
    if (decoder == GaussianVae.DecoderType.BERNOULLI) {
      data.requireUnitInterval("the Bernoulli decoder of model '" + name() + "'");
    }
  }
}
