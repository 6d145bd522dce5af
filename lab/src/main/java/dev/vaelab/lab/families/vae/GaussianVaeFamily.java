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
   * @param posterior gaussian, or a flow on it: planar or iaf
   * @param flowSteps K, the flow's steps (ignored for the Gaussian posterior)
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
      int priorComponents,
      @Setting(names = "--posterior", help = "Posterior P_enc(z|y): gaussian (default), planar (planar flow, Rezende & Mohamed 2015) or iaf"
          + " (inverse autoregressive flow, Kingma et al. 2016) on the diagonal Gaussian.")
      PosteriorKind posterior,
      @Setting(names = "--flow-steps", label = "K", help = "Steps K of a planar or iaf posterior (default ${DEFAULT-VALUE}).")
      int flowSteps) implements VaeNetwork.Shape, VaeNetwork.RateWeight, dev.vaelab.lab.settings.Settings<Options> {
    public Options {
      VaeNetwork.Net net = VaeNetwork.check(hidden, latent, decoder, layers, prior, priorComponents, false);
      hidden = net.hidden();
      latent = net.latent();
      priorComponents = net.priorComponents();
      // the objective validates β, warm-up and free bits, naming the bad value
      Elbo.standard().withBeta(beta).withWarmupSteps(warmupSteps).withFreeBits(freeBits);
      if (posterior == null) {
        posterior = PosteriorKind.GAUSSIAN;
      }
      if (flowSteps < 1) {
        throw new IllegalArgumentException("--flow-steps must be >= 1, got " + flowSteps);
      }
      if (posterior != PosteriorKind.GAUSSIAN) {
        if (layers == 2) {
          throw new IllegalArgumentException("--posterior " + posterior.id() + " is a flow on one stochastic layer; this model has --layers 2");
        }
        if (prior == PriorKind.VAMP) {
          throw new IllegalArgumentException("--posterior " + posterior.id() + " with --prior vamp: the VampPrior's density needs the posterior's at"
              + " values it did not draw, which a flow does not give; use --prior standard or mog");
        }
        if (freeBits > 0) {
          throw new IllegalArgumentException("--free-bits floors the closed-form KL of each dimension, which a flow posterior ("
              + posterior.id() + ") does not have; set it to 0");
        }
      }
    }

    /** The model of these options for examples of {@code dataSize} values, with the prior {@code prior}. */
    dev.vaelab.core.model.ModelSpec model(long dataSize, dev.vaelab.core.model.PriorFactory prior) {
      dev.vaelab.core.model.ModelSpec base = VaeNetwork.modelSpec(this, dataSize, prior);
      return posterior == PosteriorKind.GAUSSIAN ? base : new dev.vaelab.gaussian.FlowVae((GaussianVae) base, posterior.flow(), flowSteps);
    }

    /** 784-400-20, Bernoulli decoder, β = 1, no warm-up, no free bits. */
    public static Options defaults() {
      return new Options(new long[] {GaussianVae.DEFAULT_HIDDEN}, GaussianVae.DEFAULT_LATENT_SIZE, VaeNetwork.DEFAULT_DECODER,
          Elbo.DEFAULT_BETA, Elbo.DEFAULT_WARMUP_STEPS, Elbo.DEFAULT_FREE_BITS, 0, PriorKind.STANDARD, 0,
          PosteriorKind.GAUSSIAN, dev.vaelab.gaussian.FlowVae.DEFAULT_STEPS);
    }


  }

  public GaussianVaeFamily() {
    super("gaussian-vae", "Gaussian VAE on the ELBO (Kingma & Welling 2014): β, KL warm-up, free bits; standard, mixture or VampPrior prior; one or two stochastic layers",
        Options.class, Options.defaults());
  }

  @Override
  protected dev.vaelab.core.model.ModelSpec modelSpec(Options o, dev.vaelab.core.data.ImageShape input, long seed) {
    return o.model(input.size(), o.prior().factory(o.priorComponents(), input.size()));
  }

  @Override
  protected dev.vaelab.core.model.ModelSpec modelSpecWithPrior(Options o, dev.vaelab.core.data.ImageShape input, dev.vaelab.core.model.PriorFactory prior) {
    if (o.layers() == 2) {
      throw new IllegalArgumentException("a post-hoc prior replaces the prior of a one-stochastic-layer model; this run has --layers 2");
    }
    return o.model(input.size(), prior);
  }

  /** Adds the posterior's kind and, for a flow, its steps. */
  @Override
  protected java.util.Map<String, Object> testNumbers(Options o, dev.vaelab.core.graph.ModelGraph graph, dev.vaelab.core.eval.EvaluationResult test,
      dev.vaelab.core.data.Dataset testData) {
    java.util.Map<String, Object> m = super.testNumbers(o, graph, test, testData);
    if (o.posterior() != PosteriorKind.GAUSSIAN) {
      m.put("posterior", o.posterior().id());
      m.put("flow_steps", o.flowSteps());
    }
    return m;
  }

  @Override
  protected Objective objective(Options o) {
    return Elbo.standard().withBeta(o.beta()).withWarmupSteps(o.warmupSteps()).withFreeBits(o.freeBits());
  }


}
