package dev.vaelab.lab.families.vae;

import dev.vaelab.core.objective.Objective;
import dev.vaelab.gaussian.FactorVaeElbo;
import dev.vaelab.gaussian.GaussianVae;
import dev.vaelab.lab.settings.Setting;

/**
 * {@code --model factor-vae}: FactorVAE (Kim &amp; Mnih 2018) on the Gaussian VAE's MLPs — the ELBO plus γ times the
 * total correlation estimated by a discriminator trained alternately, step by step, with its own optimiser ({@link
 * FactorVaeElbo}).
 */
public final class FactorVaeFamily extends VaeNetwork.Family<FactorVaeFamily.Options> {
  /**
   * @param hidden MLP hidden sizes
   * @param latent latent size d
   * @param decoder bernoulli, gaussian or gaussian-learned
   * @param gamma γ, the weight of the total correlation
   * @param discriminator the discriminator's hidden sizes
   */
  public record Options(
      long[] hidden,
      long latent,
      DecoderKind decoder,
      @Setting(names = "--gamma", help = "Weight γ of the total correlation (default ${DEFAULT-VALUE}, the paper's for dSprites).")
      double gamma,
      @Setting(names = "--discriminator", split = ",", label = "H", help = "Hidden sizes of the TC discriminator (default 256,256; the paper: six"
          + " layers of 1000).")
      long[] discriminator) implements VaeNetwork.Shape, dev.vaelab.lab.settings.Settings<Options> {
    public Options {
      VaeNetwork.Net net = VaeNetwork.check(hidden, latent, decoder, 0, PriorKind.STANDARD, 0, false);
      hidden = net.hidden();
      latent = net.latent();
      discriminator = new FactorVaeElbo(gamma, discriminator).discriminatorHidden(); // validates, naming the bad value
    }

    /** 784-400-20, Bernoulli decoder, γ = 35, a 256-256 discriminator. */
    public static Options defaults() {
      return new Options(new long[] {GaussianVae.DEFAULT_HIDDEN}, GaussianVae.DEFAULT_LATENT_SIZE, VaeNetwork.DEFAULT_DECODER,
          FactorVaeElbo.DEFAULT_GAMMA, FactorVaeElbo.DEFAULT_DISCRIMINATOR);
    }
  }

  public FactorVaeFamily() {
    super("factor-vae", "FactorVAE (Kim & Mnih 2018): the ELBO plus γ · total correlation, estimated by a discriminator trained alternately"
        + " with its own optimiser", Options.class, Options.defaults());
  }

  @Override
  protected Objective objective(Options o) {
    return new FactorVaeElbo(o.gamma(), o.discriminator());
  }
}
