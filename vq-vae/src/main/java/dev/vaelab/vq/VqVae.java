package dev.vaelab.vq;

import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.nn.Parameters;
import org.tensorflow.op.Ops;

/**
 * The VQ-VAE as a triad (van den Oord et al. 2017): deterministic one-hot encoder (conv net +
 * {@link VectorQuantizer}), prior over codes ({@link CodePrior}, uniform until fitted), Bernoulli
 * conv decoder, on H × W × C images (H and W multiples of 4; latents H/4 × W/4 × D). Defaults are
 * benchmark B3: 28 × 28 × 1 → 7 × 7 × 16 latents, K = 128, β = 0.25, EMA.
 * Train it with {@link VqObjective}.
 *
 * <p>After {@link #build}, {@link #quantizer()} and {@link #prior()} give the parts of the most
 * recently built graph.
 *
 * @param image the images' H × W × C (H and W multiples of 4)
 * @param channels the two hidden channel counts (32, 64)
 * @param quantizer codebook settings
 */
public record VqVae(dev.vaelab.core.data.ImageShape image, int[] channels, VectorQuantizerConfig quantizer, Built built) implements ModelSpec {

  /** Parts of the most recent build (mutable holder; a spec is built once per graph). */
  public static final class Built {
    VectorQuantizer quantizer;
    CodePrior prior;
    ConvEncoder encoder;
  }

  public VqVae {
    if (image.height() < 4 || image.height() % 4 != 0 || image.width() < 4 || image.width() % 4 != 0) {
      throw new IllegalArgumentException("model vq-vae needs images whose height and width are multiples of 4 (two stride-2 convolutions), got "
          + image + (image.isVector() ? " (vector data)" : ""));
    }
    if (channels.length != 2 || channels[0] < 1 || channels[1] < 1) {
      throw new IllegalArgumentException("channels must be two positive counts, got " + java.util.Arrays.toString(channels));
    }
  }

  /** B3: 28 × 28 × 1, channels 32 and 64, the given quantiser. */
  public static VqVae of(VectorQuantizerConfig quantizer) {
    return of(new dev.vaelab.core.data.ImageShape(28, 28, 1), quantizer);
  }

  /** Images of {@code image}, channels 32 and 64, the given quantiser. */
  public static VqVae of(dev.vaelab.core.data.ImageShape image, VectorQuantizerConfig quantizer) {
    return new VqVae(image, new int[] {32, 64}, quantizer, new Built());
  }

  /** Number of latent positions P = (H/4)·(W/4). */
  public int positions() {
    return (image.height() / 4) * (image.width() / 4);
  }

  /** The latent map's side when it is square (H = W), for the PixelCNN code prior. */
  public int latentSide() {
    if (image.height() != image.width()) {
      throw new IllegalArgumentException("the PixelCNN code prior needs a square latent map; images of " + image + " give "
          + image.height() / 4 + " × " + image.width() / 4);
    }
    return image.height() / 4;
  }

  @Override
  public String name() {
    return "vq-vae";
  }

  @Override
  public long dataSize() {
    return image.size();
  }

  @Override
  public long latentSize() {
    return (long) positions() * quantizer.dimension();
  }

  @Override
  public LatentVariableModel build(Ops tf, Parameters params, long seed) {
    VectorQuantizer vq = new VectorQuantizer(tf, params, "vq", quantizer);
    ConvEncoder enc = new ConvEncoder(params, image, channels, vq, seed);
    ConvDecoder dec = new ConvDecoder(params, image, channels, quantizer.dimension(), seed);
    CodePrior prior = new CodePrior(params, "vq", positions(), vq);
    built.quantizer = vq;
    built.prior = prior;
    built.encoder = enc;
    return new LatentVariableModel(enc, prior, dec, dataSize(), latentSize());
  }

  /** The Bernoulli decoder scores values in [0, 1] only. */
  @Override
  public void checkData(dev.vaelab.core.data.Dataset data) {
    data.requireDimension(dataSize(), "model 'vq-vae'");
    data.requireUnitInterval("the Bernoulli decoder of model 'vq-vae'");
  }

  /** The quantiser of the last build. */
  public VectorQuantizer builtQuantizer() {
    return built.quantizer;
  }

  /** The code prior of the last build. */
  public CodePrior builtPrior() {
    return built.prior;
  }

  /** The encoder of the last build. */
  public ConvEncoder builtEncoder() {
    return built.encoder;
  }
}
