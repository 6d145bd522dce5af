package dev.vaelab.examples;

import dev.vaelab.gaussian.GaussianVae;
import picocli.CommandLine.Option;

/**
 * The network shape of the Gaussian-latent families (gaussian-vae, iwae): MLP hidden sizes, latent
 * size d and the decoder's likelihood. Declared once for their command lines.
 */
final class VaeNetwork {
  /** Default decoder. */
  static final String DEFAULT_DECODER = "bernoulli";

  private VaeNetwork() {}

  /** The decoder type named {@code name}, or an exception listing the names. */
  static GaussianVae.DecoderType decoder(String name) {
    if (name == null) {
      throw new IllegalArgumentException("decoder must be bernoulli, gaussian or gaussian-learned, got null");
    }
    return switch (name) {
      case "bernoulli" -> GaussianVae.DecoderType.BERNOULLI;
      case "gaussian" -> GaussianVae.DecoderType.GAUSSIAN_FIXED_SIGMA;
      case "gaussian-learned" -> GaussianVae.DecoderType.GAUSSIAN_LEARNED_SIGMA;
      default -> throw new IllegalArgumentException("decoder must be bernoulli, gaussian or gaussian-learned, got '" + name + "'");
    };
  }

  /** Checks the shape, naming the bad value. */
  static void check(long[] hidden, long latent, String decoder) {
    if (hidden == null || hidden.length == 0) {
      throw new IllegalArgumentException("hidden must list at least one layer size");
    }
    for (long h : hidden) {
      if (h < 1) {
        throw new IllegalArgumentException("hidden sizes must be >= 1, got " + java.util.Arrays.toString(hidden));
      }
    }
    if (latent < 1) {
      throw new IllegalArgumentException("latent must be >= 1, got " + latent);
    }
    decoder(decoder);
  }

  /** The network shape, as the options records of the families that use it expose it. */
  interface Shape {
    long[] hidden();

    long latent();

    String decoder();
  }

  /**
   * A family whose model is the Gaussian VAE's triad (MLP encoder and decoder, standard normal
   * prior); its subclasses differ in the objective.
   */
  abstract static class Family<O extends Record & Shape> extends GraphFamily<O> {
    Family(String name, String description, Class<O> optionsType, O defaults) {
      super(name, description, optionsType, defaults);
    }

    @Override
    protected dev.vaelab.core.model.ModelSpec modelSpec(O o, long seed) {
      return GaussianVae.builder().hidden(o.hidden()).latentSize(o.latent()).decoder(decoder(o.decoder())).build();
    }

    @Override
    protected boolean binaryData(O o) {
      return decoder(o.decoder()) == GaussianVae.DecoderType.BERNOULLI;
    }
  }

  /** The command-line options of the network shape. */
  static final class Cli {
    @Option(names = "--hidden", split = ",", paramLabel = "H", description = "Hidden sizes, comma-separated (default 400).")
    long[] hidden = {GaussianVae.DEFAULT_HIDDEN};

    @Option(names = "--latent", paramLabel = "D", description = "Latent size d (default ${DEFAULT-VALUE}).")
    long latent = GaussianVae.DEFAULT_LATENT_SIZE;

    @Option(names = "--decoder", description = "bernoulli (default; binarised data), gaussian or gaussian-learned (grey levels).")
    String decoder = DEFAULT_DECODER;
  }
}
