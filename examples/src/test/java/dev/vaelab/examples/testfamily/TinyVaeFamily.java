package dev.vaelab.examples.testfamily;

import dev.vaelab.core.data.ImageShape;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.gaussian.GaussianVae;
import dev.vaelab.lab.graph.GraphFamily;
import dev.vaelab.lab.settings.Setting;

/**
 * A family that exists only on the test class path, to show that a family is one class plus one
 * line in {@code META-INF/services/dev.vaelab.lab.run.ModelFamily}: a Gaussian VAE with one hidden
 * layer of {@code width} units, d latent dimensions and the ELBO weighted by β.
 */
public final class TinyVaeFamily extends GraphFamily<TinyVaeFamily.Options> {

  /**
   * @param width hidden units of encoder and decoder
   * @param tinyLatent latent size d
   * @param tinyBeta the rate weight β
   */
  public record Options(
      @Setting(names = "--width", label = "H", help = "Hidden units of encoder and decoder (default ${DEFAULT-VALUE}).")
      long width,
      @Setting(names = "--tiny-latent", label = "D", help = "Latent size d (default ${DEFAULT-VALUE}).")
      long tinyLatent,
      @Setting(names = "--tiny-beta", help = "Rate weight β (default ${DEFAULT-VALUE}).")
      double tinyBeta) {
    public Options {
      if (width < 1) {
        throw new IllegalArgumentException("width must be >= 1, got " + width);
      }
      if (tinyLatent < 1) {
        throw new IllegalArgumentException("tiny_latent must be >= 1, got " + tinyLatent);
      }
      Elbo.standard().withBeta(tinyBeta); // names a bad β
    }
  }

  public TinyVaeFamily() {
    super("tiny-vae", "A test family: a one-hidden-layer Gaussian VAE", Options.class, new Options(16, 2, 1.0));
  }

  @Override
  protected ModelSpec modelSpec(Options o, ImageShape input, long seed) {
    return GaussianVae.builder().dataSize(input.size()).hidden(new long[] {o.width()}).latentSize(o.tinyLatent()).build();
  }

  @Override
  protected Objective objective(Options o) {
    return Elbo.standard().withBeta(o.tinyBeta());
  }

  @Override
  protected boolean binaryData(Options o) {
    return true;
  }
}
