package dev.vaelab.lab.families.vae;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.gaussian.DeterministicAutoencoder;
import dev.vaelab.gaussian.GaussianVae;
import dev.vaelab.gaussian.RaeObjective;
import dev.vaelab.lab.settings.Setting;
import java.util.Map;

/**
 * {@code --model rae}: the regularised autoencoder with L2 decoder regularisation or the gradient penalty (Ghosh et al.
 * 2019, RAE-L2 and RAE-GP, {@link RaeObjective}) on the Gaussian VAE's MLPs with a deterministic encoder; no ELBO or likelihood (the summary says so);
 * samples through a density fitted to the training codes ({@code vaelab sample --sampler gmm|maf|two-stage}).
 */
public final class RaeFamily extends VaeNetwork.Family<RaeFamily.Options> {
  /**
   * @param hidden MLP hidden sizes
   * @param latent latent size d
   * @param decoder bernoulli, gaussian or gaussian-learned
   * @param beta β, the weight of ½‖z‖²
   * @param lambda λ, the weight of the decoder's regulariser
   * @param penalty l2 (the decoder's squared weights) or gradient (‖∇_z Σ_j E[y_j|z]‖²)
   */
  public record Options(
      long[] hidden,
      long latent,
      DecoderKind decoder,
      @Setting(names = "--beta", help = "Weight β of the code's ½‖z‖² (default ${DEFAULT-VALUE}).")
      double beta,
      @Setting(names = "--lambda", help = "Weight λ of the decoder's regulariser (default ${DEFAULT-VALUE}).")
      double lambda,
      @Setting(names = "--penalty", help = "The decoder's regulariser: l2 (default; its squared weights, RAE-L2) or gradient (the squared"
          + " gradient of its summed mean with respect to z, RAE-GP).")
      RaePenaltyKind penalty) implements VaeNetwork.Shape, dev.vaelab.lab.settings.Settings<Options> {
    public Options {
      VaeNetwork.Net net = VaeNetwork.check(hidden, latent, decoder, 0, PriorKind.STANDARD, 0, false);
      hidden = net.hidden();
      latent = net.latent();
      penalty = penalty == null ? RaePenaltyKind.L2 : penalty;
      new RaeObjective(beta, lambda, penalty.penalty()); // validates, naming the bad value
    }

    /** 784-400-20, Bernoulli decoder, β = 1, λ = 0.001, RAE-L2. */
    public static Options defaults() {
      return new Options(new long[] {GaussianVae.DEFAULT_HIDDEN}, GaussianVae.DEFAULT_LATENT_SIZE, VaeNetwork.DEFAULT_DECODER,
          RaeObjective.DEFAULT_BETA, RaeObjective.DEFAULT_LAMBDA, RaePenaltyKind.L2);
    }
  }

  public RaeFamily() {
    super("rae", "regularised autoencoder, RAE-L2 or RAE-GP (Ghosh et al. 2019): deterministic encoder, β·½‖z‖² + λ·‖decoder weights‖² (or"
        + " its input gradient's), samples by ex-post density estimation", Options.class, Options.defaults());
  }

  @Override
  protected ModelSpec modelSpec(Options o, dev.vaelab.core.data.ImageShape input, long seed) {
    return new DeterministicAutoencoder((GaussianVae) super.modelSpec(o, input, seed));
  }

  @Override
  protected Objective objective(Options o) {
    return new RaeObjective(o.beta(), o.lambda(), o.penalty().penalty());
  }

  @Override
  protected boolean boundsLikelihood(Options o) {
    return false;
  }

  @Override
  protected Map<String, Object> testNumbers(Options o, ModelGraph graph, EvaluationResult test, Dataset testData) {
    return withoutLikelihood(super.testNumbers(o, graph, test, testData));
  }
}
