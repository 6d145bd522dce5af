package dev.vaelab.lab.families.vae;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.gaussian.DeterministicAutoencoder;
import dev.vaelab.gaussian.GaussianVae;
import dev.vaelab.gaussian.WassersteinObjective;
import dev.vaelab.lab.settings.Setting;
import java.util.Map;

/**
 * {@code --model wae}: the Wasserstein autoencoder with the MMD penalty (Tolstikhin et al. 2018, {@link
 * WassersteinObjective}) on the Gaussian VAE's MLPs; a deterministic encoder by default (no ELBO, no likelihood: the
 * summary says so), or a Gaussian one whose rate, ELBO and log-likelihood are reported.
 */
public final class WaeFamily extends VaeNetwork.Family<WaeFamily.Options> {
  /**
   * @param hidden MLP hidden sizes
   * @param latent latent size d
   * @param decoder bernoulli, gaussian or gaussian-learned
   * @param lambda λ, the weight of the MMD
   * @param kernel rbf or imq
   * @param encoder deterministic or gaussian
   */
  public record Options(
      long[] hidden,
      long latent,
      DecoderKind decoder,
      @Setting(names = "--lambda", help = "Weight λ of the MMD between the codes and the prior (default ${DEFAULT-VALUE}, the paper's MNIST value).")
      double lambda,
      @Setting(names = "--kernel", help = "MMD kernel: imq (default; inverse multiquadratic over the paper's scales) or rbf.")
      KernelKind kernel,
      @Setting(names = "--encoder", help = "deterministic (default, the paper's experiments: no likelihood) or gaussian (reparameterised; its ELBO"
          + " and NLL are reported).")
      EncoderKind encoder) implements VaeNetwork.Shape, dev.vaelab.lab.settings.Settings<Options> {
    public Options {
      VaeNetwork.Net net = VaeNetwork.check(hidden, latent, decoder, 0, PriorKind.STANDARD, 0, false);
      hidden = net.hidden();
      latent = net.latent();
      kernel = kernel == null ? KernelKind.IMQ : kernel;
      encoder = encoder == null ? EncoderKind.DETERMINISTIC : encoder;
      new WassersteinObjective(lambda, kernel.kernel()); // validates, naming the bad value
    }

    /** 784-400-20, Bernoulli decoder, λ = 10, IMQ, deterministic encoder. */
    public static Options defaults() {
      return new Options(new long[] {GaussianVae.DEFAULT_HIDDEN}, GaussianVae.DEFAULT_LATENT_SIZE, VaeNetwork.DEFAULT_DECODER,
          WassersteinObjective.DEFAULT_LAMBDA, KernelKind.IMQ, EncoderKind.DETERMINISTIC);
    }
  }

  public WaeFamily() {
    super("wae", "Wasserstein autoencoder, WAE-MMD (Tolstikhin et al. 2018): reconstruction + λ·MMD(codes, prior), RBF or IMQ kernel",
        Options.class, Options.defaults());
  }

  @Override
  protected ModelSpec modelSpec(Options o, dev.vaelab.core.data.ImageShape input, long seed) {
    ModelSpec m = super.modelSpec(o, input, seed);
    return o.encoder() == EncoderKind.DETERMINISTIC ? new DeterministicAutoencoder((GaussianVae) m) : m;
  }

  @Override
  protected Objective objective(Options o) {
    return new WassersteinObjective(o.lambda(), o.kernel().kernel());
  }

  @Override
  protected boolean boundsLikelihood(Options o) {
    return o.encoder() == EncoderKind.GAUSSIAN;
  }

  @Override
  protected Map<String, Object> testNumbers(Options o, ModelGraph graph, EvaluationResult test, Dataset testData) {
    Map<String, Object> m = super.testNumbers(o, graph, test, testData);
    return boundsLikelihood(o) ? m : withoutLikelihood(m);
  }
}
