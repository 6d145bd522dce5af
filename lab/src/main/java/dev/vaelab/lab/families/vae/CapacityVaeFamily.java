package dev.vaelab.lab.families.vae;

import dev.vaelab.core.objective.Objective;
import dev.vaelab.gaussian.CapacityElbo;
import dev.vaelab.gaussian.GaussianVae;
import dev.vaelab.lab.settings.Setting;

/**
 * {@code --model capacity-vae}: the capacity-annealed β-VAE (Burgess et al. 2018) on the Gaussian VAE's MLPs — the
 * rate pulled towards a target C_t raised linearly from 0 to C ({@link CapacityElbo}: γ·|KL − C_t|).
 */
public final class CapacityVaeFamily extends VaeNetwork.Family<CapacityVaeFamily.Options> {
  /**
   * @param hidden MLP hidden sizes
   * @param latent latent size d
   * @param decoder bernoulli, gaussian or gaussian-learned
   * @param gamma γ, the weight of |KL − C_t|
   * @param capacity C, the final target rate in nats
   * @param capacitySteps T, the steps over which C_t rises from 0 to C
   */
  public record Options(
      long[] hidden,
      long latent,
      DecoderKind decoder,
      @Setting(names = "--gamma", help = "Weight γ of |KL − C_t| (default ${DEFAULT-VALUE}, the paper's).")
      double gamma,
      @Setting(names = "--capacity", label = "NATS", help = "Final target rate C, nats (default ${DEFAULT-VALUE}, the paper's dSprites value).")
      double capacity,
      @Setting(names = "--capacity-steps", label = "N", help = "Steps over which the target rises linearly from 0 to C (default ${DEFAULT-VALUE},"
          + " the paper's; 0: C from the start).")
      long capacitySteps) implements VaeNetwork.Shape, dev.vaelab.lab.settings.Settings<Options> {
    public Options {
      VaeNetwork.Net net = VaeNetwork.check(hidden, latent, decoder, 0, PriorKind.STANDARD, 0, false);
      hidden = net.hidden();
      latent = net.latent();
      new CapacityElbo(gamma, capacity, capacitySteps); // validates, naming the bad value
    }

    /** 784-400-20, Bernoulli decoder, γ = 1000, C = 25 nats over 100,000 steps. */
    public static Options defaults() {
      return new Options(new long[] {GaussianVae.DEFAULT_HIDDEN}, GaussianVae.DEFAULT_LATENT_SIZE, VaeNetwork.DEFAULT_DECODER,
          CapacityElbo.DEFAULT_GAMMA, CapacityElbo.DEFAULT_CAPACITY, CapacityElbo.DEFAULT_CAPACITY_STEPS);
    }
  }

  public CapacityVaeFamily() {
    super("capacity-vae", "capacity-annealed β-VAE (Burgess et al. 2018): γ·|KL − C| with the capacity C raised linearly during training",
        Options.class, Options.defaults());
  }

  @Override
  protected Objective objective(Options o) {
    return new CapacityElbo(o.gamma(), o.capacity(), o.capacitySteps());
  }
}
