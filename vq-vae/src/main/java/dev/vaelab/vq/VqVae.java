package dev.vaelab.vq;

import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.nn.Parameters;
import org.tensorflow.op.Ops;

/**
 * The VQ-VAE as a triad (van den Oord et al. 2017): deterministic one-hot encoder (conv net +
 * {@link VectorQuantizer}), prior over codes ({@link CodePrior}, uniform until fitted), Bernoulli
 * conv decoder. Defaults are benchmark B3: 28 × 28 → 7 × 7 × 16 latents, K = 128, β = 0.25, EMA.
 * Train it with {@link VqObjective}.
 *
 * <p>After {@link #build}, {@link #quantizer()} and {@link #prior()} give the parts of the most
 * recently built graph.
 *
 * @param side image side (a multiple of 4)
 * @param channels the two hidden channel counts (32, 64)
 * @param quantizer codebook settings
 */
public record VqVae(int side, int[] channels, VectorQuantizerConfig quantizer, Built built) implements ModelSpec {

  /** Parts of the most recent build (mutable holder; a spec is built once per graph). */
  public static final class Built {
    VectorQuantizer quantizer;
    CodePrior prior;
    ConvEncoder encoder;
  }

  public VqVae {
    if (side < 4 || side % 4 != 0) {
      throw new IllegalArgumentException("image side must be a positive multiple of 4, got " + side);
    }
    if (channels.length != 2 || channels[0] < 1 || channels[1] < 1) {
      throw new IllegalArgumentException("channels must be two positive counts, got " + java.util.Arrays.toString(channels));
    }
  }

  /** B3: 28 × 28, channels 32 and 64, the given quantiser. */
  public static VqVae of(VectorQuantizerConfig quantizer) {
    return new VqVae(28, new int[] {32, 64}, quantizer, new Built());
  }

  /** Number of latent positions P = (side/4)². */
  public int positions() {
    return (side / 4) * (side / 4);
  }

  @Override
  public String name() {
    return "vq-vae";
  }

  @Override
  public long dataSize() {
    return (long) side * side;
  }

  @Override
  public long latentSize() {
    return (long) positions() * quantizer.dimension();
  }

  @Override
  public LatentVariableModel build(Ops tf, Parameters params, long seed) {
    VectorQuantizer vq = new VectorQuantizer(tf, params, "vq", quantizer);
    ConvEncoder enc = new ConvEncoder(params, side, channels, vq, seed);
    ConvDecoder dec = new ConvDecoder(params, side, channels, quantizer.dimension(), seed);
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
