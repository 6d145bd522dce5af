package dev.vaelab.gaussian;

import dev.vaelab.core.model.Decoder;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.BuildContext;
import dev.vaelab.core.model.Conditioning;
import dev.vaelab.core.model.Encoder;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.model.Prior;
import dev.vaelab.core.model.PriorFactory;
import dev.vaelab.core.nn.Activation;
import dev.vaelab.core.nn.Parameters;
import java.util.Arrays;
import org.tensorflow.op.Ops;

/**
 * The Gaussian VAE of Kingma and Welling (2014) as a triad: diagonal-Gaussian encoder, N(0, I)
 * prior, Bernoulli-logit or Gaussian decoder. Train it with {@link dev.vaelab.core.objective.Elbo}
 * (β, warm-up and free bits are options of the objective, not of the model).
 *
 * <p>Defaults are the pytorch/examples configuration: 784-400-20 with ReLU, Bernoulli decoder.
 *
 * <pre>{@code
 * GaussianVae vae = GaussianVae.builder().latentSize(20).hidden(400).build();
 * }</pre>
 *
 * @param dataSize D
 * @param hidden hidden layer sizes of the encoder (the decoder mirrors them)
 * @param latentSize d
 * @param activation hidden nonlinearity
 * @param decoder observation model
 * @param decoderSigma σ of a Gaussian decoder (fixed, or initial when learned)
 * @param prior how the prior P_pri(z) is built (standard normal by default; any {@link PriorFactory})
 * @param contextSize C &gt; 0 for a conditional VAE (Sohn et al. 2015): the encoder sees [y, c], the
 *     decoder [z, c] ({@link ConditionalEncoder}, {@link ConditionalDecoder}); 0 for an unconditioned one
 */
public record GaussianVae(
    long dataSize, long[] hidden, long latentSize, Activation activation, DecoderType decoder, double decoderSigma,
    PriorFactory prior, long contextSize)
    implements ModelSpec {

  /** Default D: 28 × 28 images. */
  public static final long DEFAULT_DATA_SIZE = 784;
  /** Default hidden layer. */
  public static final long DEFAULT_HIDDEN = 400;
  /** Default d. */
  public static final long DEFAULT_LATENT_SIZE = 20;
  /** Default σ of a Gaussian decoder. */
  public static final double DEFAULT_DECODER_SIGMA = 0.1;

  /** The observation model P_dec(y|z). */
  public enum DecoderType {
    /** Bernoulli over logits, for binary data. */
    BERNOULLI,
    /** Gaussian with a fixed σ. */
    GAUSSIAN_FIXED_SIGMA,
    /** Gaussian with a learned per-dimension σ. */
    GAUSSIAN_LEARNED_SIGMA
  }

  public GaussianVae {
    if (dataSize < 1 || latentSize < 1) {
      throw new IllegalArgumentException("dataSize and latentSize must be >= 1, got " + dataSize + ", " + latentSize);
    }
    hidden = hidden.clone();
    for (long h : hidden) {
      if (h < 1) {
        throw new IllegalArgumentException("hidden sizes must be >= 1, got " + Arrays.toString(hidden));
      }
    }
    if (!(decoderSigma > 0)) {
      throw new IllegalArgumentException("decoderSigma must be > 0, got " + decoderSigma);
    }
    if (prior == null) {
      throw new IllegalArgumentException("prior must be given (PriorFactory.STANDARD_NORMAL by default)");
    }
    if (contextSize < 0) {
      throw new IllegalArgumentException("contextSize must be >= 0, got " + contextSize);
    }
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return contextSize > 0 ? "conditional-gaussian-vae" : "gaussian-vae";
  }

  @Override
  public LatentVariableModel build(Ops tf, Parameters params, long seed) {
    return buildWith(tf, params, seed, Conditioning.NONE);
  }

  @Override
  public LatentVariableModel build(Ops tf, Parameters params, long seed, BuildContext context) {
    return buildWith(tf, params, seed, context.conditioning());
  }

  private LatentVariableModel buildWith(Ops tf, Parameters params, long seed, Conditioning conditioning) {
    if (conditioning.size() != contextSize) {
      throw new IllegalArgumentException("model '" + name() + "' expects a context of " + contextSize + " values, got " + conditioning.size());
    }
    long c = contextSize;
    Encoder enc = new GaussianEncoder(params, dataSize + c, hidden, latentSize, activation, seed * 2 + 1);
    Decoder dec = decoder(params, latentSize + c, seed);
    if (conditioning.isPresent()) {
      enc = new ConditionalEncoder(enc, conditioning);
      dec = new ConditionalDecoder(dec, conditioning);
    }
    Prior p = prior.build(tf, params, enc, latentSize, conditioning, seed * 2 + 3);
    return new LatentVariableModel(enc, p, dec, dataSize, latentSize);
  }

  /** The decoder P_dec(y|z) of this model (the encoder's hidden sizes mirrored) on inputs of {@code zIn} values. */
  Decoder decoder(Parameters params, long zIn, long seed) {
    long[] reversed = new long[hidden.length];
    for (int i = 0; i < hidden.length; i++) {
      reversed[i] = hidden[hidden.length - 1 - i];
    }
    return switch (decoder) {
      case BERNOULLI -> new BernoulliDecoder(params, zIn, reversed, dataSize, activation, seed * 2 + 2);
      case GAUSSIAN_FIXED_SIGMA -> new GaussianDecoder(params, zIn, reversed, dataSize, activation, decoderSigma, false, seed * 2 + 2);
      case GAUSSIAN_LEARNED_SIGMA -> new GaussianDecoder(params, zIn, reversed, dataSize, activation, decoderSigma, true, seed * 2 + 2);
    };
  }

  /** A Bernoulli decoder scores values in [0, 1] only. */
  @Override
  public void checkData(dev.vaelab.core.data.Dataset data) {
    data.requireDimension(dataSize, "model '" + name() + "'");
    if (decoder == DecoderType.BERNOULLI) {
      data.requireUnitInterval("the Bernoulli decoder of model '" + name() + "'");
    }
  }

  static long[] sizes(long in, long[] hidden, long out) {
    long[] s = new long[hidden.length + 2];
    s[0] = in;
    System.arraycopy(hidden, 0, s, 1, hidden.length);
    s[s.length - 1] = out;
    return s;
  }

  /** Builder for {@link GaussianVae}. */
  public static final class Builder {
    private long dataSize = DEFAULT_DATA_SIZE;
    private long[] hidden = {DEFAULT_HIDDEN};
    private long latentSize = DEFAULT_LATENT_SIZE;
    private Activation activation = Activation.RELU;
    private DecoderType decoder = DecoderType.BERNOULLI;
    private double decoderSigma = DEFAULT_DECODER_SIGMA;
    private PriorFactory prior = PriorFactory.STANDARD_NORMAL;
    private long contextSize = 0;

    /** The prior (default: standard normal). */
    public Builder prior(PriorFactory p) {
      this.prior = p;
      return this;
    }

    /** A conditional VAE on a context of C values per example (default 0: unconditioned). */
    public Builder contextSize(long c) {
      this.contextSize = c;
      return this;
    }

    public Builder dataSize(long d) {
      this.dataSize = d;
      return this;
    }

    /** Encoder hidden sizes, first to last (the decoder mirrors them). */
    public Builder hidden(long... sizes) {
      this.hidden = sizes.clone();
      return this;
    }

    public Builder latentSize(long d) {
      this.latentSize = d;
      return this;
    }

    public Builder activation(Activation a) {
      this.activation = a;
      return this;
    }

    public Builder decoder(DecoderType type) {
      this.decoder = type;
      return this;
    }

    public Builder decoderSigma(double sigma) {
      this.decoderSigma = sigma;
      return this;
    }

    public GaussianVae build() {
      return new GaussianVae(dataSize, hidden, latentSize, activation, decoder, decoderSigma, prior, contextSize);
    }
  }
}
