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

  /** The model recipe. */
  static GaussianVae spec(long[] hidden, long latent, String decoder) {
    return GaussianVae.builder().hidden(hidden).latentSize(latent).decoder(decoder(decoder)).build();
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
