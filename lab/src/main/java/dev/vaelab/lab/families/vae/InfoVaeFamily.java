package dev.vaelab.lab.families.vae;

import dev.vaelab.core.objective.Objective;
import dev.vaelab.gaussian.GaussianVae;
import dev.vaelab.gaussian.InfoVaeElbo;
import dev.vaelab.lab.settings.Setting;

/**
 * {@code --model info-vae}: InfoVAE with the MMD divergence (Zhao et al. 2019, {@link InfoVaeElbo}) on the Gaussian
 * VAE's MLPs: distortion + (1 − α)·KL + (α + λ − 1)·MMD; its ELBO and log-likelihood are reported as for any VAE.
 */
public final class InfoVaeFamily extends VaeNetwork.Family<InfoVaeFamily.Options> {
  /**
   * @param hidden MLP hidden sizes
   * @param latent latent size d
   * @param decoder bernoulli, gaussian or gaussian-learned
   * @param alpha α
   * @param lambda λ
   * @param kernel rbf or imq
   */
  public record Options(
      long[] hidden,
      long latent,
      DecoderKind decoder,
      @Setting(names = "--alpha", help = "α: the KL is weighted 1 − α (default ${DEFAULT-VALUE}, the paper's).")
      double alpha,
      @Setting(names = "--lambda", help = "λ: the MMD is weighted α + λ − 1 (default ${DEFAULT-VALUE}, the paper's).")
      double lambda,
      @Setting(names = "--kernel", help = "MMD kernel: imq (default; inverse multiquadratic over the WAE paper's scales) or rbf.")
      KernelKind kernel) implements VaeNetwork.Shape, dev.vaelab.lab.settings.Settings<Options> {
    public Options {
      VaeNetwork.Net net = VaeNetwork.check(hidden, latent, decoder, 0, PriorKind.STANDARD, 0, false);
      hidden = net.hidden();
      latent = net.latent();
      kernel = kernel == null ? KernelKind.IMQ : kernel;
      new InfoVaeElbo(alpha, lambda, kernel.kernel()); // validates, naming the bad value
    }

    /** 784-400-20, Bernoulli decoder, α = 0, λ = 1000, IMQ. */
    public static Options defaults() {
      return new Options(new long[] {GaussianVae.DEFAULT_HIDDEN}, GaussianVae.DEFAULT_LATENT_SIZE, VaeNetwork.DEFAULT_DECODER,
          InfoVaeElbo.DEFAULT_ALPHA, InfoVaeElbo.DEFAULT_LAMBDA, KernelKind.IMQ);
    }
  }

  public InfoVaeFamily() {
    super("info-vae", "InfoVAE (Zhao et al. 2019): ELBO with the KL weighted 1 − α and an MMD between q(z) and the prior weighted α + λ − 1",
        Options.class, Options.defaults());
  }

  @Override
  protected Objective objective(Options o) {
    return new InfoVaeElbo(o.alpha(), o.lambda(), o.kernel().kernel());
  }
}
