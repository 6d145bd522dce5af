package dev.vaelab.lab.families.vae;

import dev.vaelab.lab.settings.Setting;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.gaussian.GaussianVae;

/** {@code --model gaussian-vae}: the Gaussian VAE trained on the ELBO, with β, KL warm-up and free bits. */
public final class GaussianVaeFamily extends VaeNetwork.Family<GaussianVaeFamily.Options> {

  /**
   * Options of the Gaussian VAE.
   *
   * @param hidden MLP hidden sizes
   * @param latent latent size d
   * @param decoder bernoulli, gaussian or gaussian-learned
   * @param beta the rate weight β (β-VAE)
   * @param warmupSteps KL warm-up steps (0 = none)
   * @param freeBits free bits λ, nats per latent dimension (0 = off)
   * @param layers 0: the hidden/latent MLP; 1 or 2: Burda et al.'s architectures
   * @param prior standard, mog or vamp
   * @param priorComponents K of the mog or vamp prior (0 in a file or on the command line: its default)
   */
  public record Options(
      long[] hidden,
      long latent,
      DecoderKind decoder,
      double beta,
      @Setting(names = "--warmup-steps", label = "N", help = "KL warm-up steps (default ${DEFAULT-VALUE}: none).")
      long warmupSteps,
      @Setting(names = "--free-bits", label = "LAMBDA", help = "Free bits λ, nats per latent dimension (default ${DEFAULT-VALUE}: off).")
      double freeBits,
      int layers,
      PriorKind prior,
      int priorComponents) implements VaeNetwork.Shape, VaeNetwork.RateWeight, dev.vaelab.lab.settings.Settings<Options> {
    public Options {
      VaeNetwork.Net net = VaeNetwork.check(hidden, latent, decoder, layers, prior, priorComponents, false);
      hidden = net.hidden();
      latent = net.latent();
      priorComponents = net.priorComponents();
      // the objective validates β, warm-up and free bits, naming the bad value
      Elbo.standard().withBeta(beta).withWarmupSteps(warmupSteps).withFreeBits(freeBits);
    }

    /** 784-400-20, Bernoulli decoder, β = 1, no warm-up, no free bits. */
    public static Options defaults() {
      return new Options(new long[] {GaussianVae.DEFAULT_HIDDEN}, GaussianVae.DEFAULT_LATENT_SIZE, VaeNetwork.DEFAULT_DECODER,
          Elbo.DEFAULT_BETA, Elbo.DEFAULT_WARMUP_STEPS, Elbo.DEFAULT_FREE_BITS, 0, PriorKind.STANDARD, 0);
    }


  }

  public GaussianVaeFamily() {
    super("gaussian-vae", "Gaussian VAE on the ELBO (Kingma & Welling 2014): β, KL warm-up, free bits; standard, mixture or VampPrior prior; one or two stochastic layers",
        Options.class, Options.defaults());
  }

  @Override
  protected Objective objective(Options o) {
    return Elbo.standard().withBeta(o.beta()).withWarmupSteps(o.warmupSteps()).withFreeBits(o.freeBits());
  }


}
