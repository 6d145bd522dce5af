package dev.vaelab.examples;

import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.gaussian.GaussianVae;
import dev.vaelab.iwae.GradientEstimator;
import dev.vaelab.iwae.ImportanceWeightedBound;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --model iwae}: the Gaussian VAE's triad trained on the k-sample importance-weighted bound
 * L_k = E[ln (1/k) Σ_i P_pri(z_i) P_dec(y|z_i) / P_enc(z_i|y)] (Burda et al. 2015), with the IWAE
 * or the DReG encoder gradient (Tucker et al. 2019).
 */
public final class IwaeFamily extends VaeNetwork.Family<IwaeFamily.Options> {

  /**
   * Options of the IWAE.
   *
   * @param hidden MLP hidden sizes
   * @param latent latent size d
   * @param decoder bernoulli, gaussian or gaussian-learned
   * @param k importance samples of the bound
   * @param gradient encoder gradient: iwae or dreg
   */
  public record Options(long[] hidden, long latent, String decoder, int k, String gradient) implements VaeNetwork.Shape {
    public Options {
      VaeNetwork.check(hidden, latent, decoder);
      hidden = hidden.clone();
      if (k < 1) {
        throw new IllegalArgumentException("k must be >= 1, got " + k);
      }
      if (gradient == null) {
        throw new IllegalArgumentException("gradient must be iwae or dreg, got null");
      }
      GradientEstimator.fromName(gradient);
    }

    /** 784-400-20, Bernoulli decoder, k = 5, IWAE gradient. */
    public static Options defaults() {
      return new Options(new long[] {GaussianVae.DEFAULT_HIDDEN}, GaussianVae.DEFAULT_LATENT_SIZE, VaeNetwork.DEFAULT_DECODER,
          ImportanceWeightedBound.DEFAULT_K, GradientEstimator.IWAE.id());
    }

    public Options withNetwork(long[] h, long d) {
      return new Options(h, d, decoder, k, gradient);
    }

    public Options withK(int kk, String g) {
      return new Options(hidden, latent, decoder, kk, g);
    }
  }

  public IwaeFamily() {
    super("iwae", "Importance-weighted autoencoder (Burda et al. 2015): k-sample bound, IWAE or DReG encoder gradient",
        Options.class, Options.defaults());
  }

  @Override
  protected Objective objective(Options o) {
    return new ImportanceWeightedBound(o.k(), GradientEstimator.fromName(o.gradient()));
  }

  @Override
  protected Map<String, Object> testNumbers(Options o, ModelGraph graph, EvaluationResult test) {
    Map<String, Object> m = super.testNumbers(o, graph, test);
    m.put("k", o.k());
    m.put("gradient", o.gradient());
    m.put("test_iwae_k", test.bound());
    return m;
  }

  @Override
  public OptionsCli<Options> commandLine() {
    return new Cli();
  }

  /** The command-line options of the IWAE. */
  static final class Cli implements OptionsCli<Options> {
    @Mixin VaeNetwork.Cli network = new VaeNetwork.Cli();

    @Option(names = "--k", description = "Importance samples of the bound (default ${DEFAULT-VALUE}).")
    int k = ImportanceWeightedBound.DEFAULT_K;

    @Option(names = "--gradient", description = "Encoder gradient: iwae (default) or dreg.")
    String gradient = GradientEstimator.IWAE.id();

    @Override
    public Options toOptions() {
      return new Options(network.hidden, network.latent, network.decoder, k, gradient);
    }
  }
}
