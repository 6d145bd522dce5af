package dev.vaelab.lab.families.vae;

import dev.vaelab.core.objective.Objective;
import dev.vaelab.gaussian.DipElbo;
import dev.vaelab.gaussian.GaussianVae;
import dev.vaelab.lab.settings.Setting;

/**
 * {@code --model dip-vae}: DIP-VAE I or II (Kumar et al. 2018) on the Gaussian VAE's MLPs — the ELBO plus a penalty
 * matching the covariance of the aggregate posterior (I: of the posterior means; II: the whole aggregate posterior) to
 * the identity ({@link DipElbo}).
 */
public final class DipVaeFamily extends VaeNetwork.Family<DipVaeFamily.Options> {
  /**
   * @param hidden MLP hidden sizes
   * @param latent latent size d
   * @param decoder bernoulli, gaussian or gaussian-learned
   * @param dip i or ii
   * @param lambdaOd λ_od, the weight of the off-diagonal terms
   * @param lambdaD λ_d, the weight of the diagonal terms (0 in a file or on the command line: the paper's for the kind)
   */
  public record Options(
      long[] hidden,
      long latent,
      DecoderKind decoder,
      @Setting(names = "--dip", help = "Which covariance is matched: i (the posterior means') or ii (the aggregate posterior's) (default i).")
      String dip,
      @Setting(names = "--lambda-od", label = "L", help = "Weight λ_od of the off-diagonal terms (default ${DEFAULT-VALUE}).")
      double lambdaOd,
      @Setting(names = "--lambda-d", label = "L", help = "Weight λ_d of the diagonal terms (default 0: the paper's, 10 λ_od for i, λ_od for ii).")
      double lambdaD) implements VaeNetwork.Shape, dev.vaelab.lab.settings.Settings<Options> {
    public Options {
      VaeNetwork.Net net = VaeNetwork.check(hidden, latent, decoder, 0, PriorKind.STANDARD, 0, false);
      hidden = net.hidden();
      latent = net.latent();
      DipElbo.Kind k = kind(dip);
      dip = k.name().toLowerCase(java.util.Locale.ROOT);
      if (lambdaD == 0) {
        lambdaD = DipElbo.defaultLambdaDiagonal(k, lambdaOd);
      }
      new DipElbo(k, lambdaOd, lambdaD); // validates, naming the bad value
    }

    static DipElbo.Kind kind(String dip) {
      if ("i".equalsIgnoreCase(dip)) {
        return DipElbo.Kind.I;
      }
      if ("ii".equalsIgnoreCase(dip)) {
        return DipElbo.Kind.II;
      }
      throw new IllegalArgumentException("--dip must be i or ii, got '" + dip + "'");
    }

    /** 784-400-20, Bernoulli decoder, DIP-VAE-I with λ_od = 10, λ_d = 100. */
    public static Options defaults() {
      return new Options(new long[] {GaussianVae.DEFAULT_HIDDEN}, GaussianVae.DEFAULT_LATENT_SIZE, VaeNetwork.DEFAULT_DECODER, "i",
          DipElbo.DEFAULT_LAMBDA_OD, 0);
    }
  }

  public DipVaeFamily() {
    super("dip-vae", "DIP-VAE I and II (Kumar et al. 2018): the ELBO plus a penalty matching the aggregate posterior's covariance to the identity",
        Options.class, Options.defaults());
  }

  @Override
  protected Objective objective(Options o) {
    return new DipElbo(Options.kind(o.dip()), o.lambdaOd(), o.lambdaD());
  }
}
