package dev.vaelab.lab.families.vae;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.nn.Activation;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.gaussian.LadderVae;
import dev.vaelab.lab.graph.GraphFamily;
import dev.vaelab.lab.settings.Setting;
import java.util.Map;

/**
 * {@code --model ladder-vae}: the ladder VAE (Sønderby et al. 2016, {@link LadderVae}) — three stochastic layers by
 * default, the top-down precision-weighted merge, trained on the ELBO with KL warm-up; the test numbers add the active
 * units of every layer ({@code active_units_z1}, …).
 */
public final class LadderVaeFamily extends GraphFamily<LadderVaeFamily.Options> {
  /** Default KL warm-up: about ten epochs of 60,000 examples at batch 128. */
  public static final long DEFAULT_WARMUP_STEPS = 5000;

  /**
   * @param hidden h_1 … h_L, the width of each rung
   * @param latents d_1 … d_L
   * @param warmupSteps KL warm-up steps
   */
  public record Options(
      @Setting(names = "--hidden", split = ",", label = "H", help = "Width of each rung's deterministic layers, bottom first, one per stochastic layer"
          + " (default 256,128,64).")
      long[] hidden,
      @Setting(names = "--latents", split = ",", label = "D", help = "Sizes of the stochastic layers, bottom first (default 64,32,16).")
      long[] latents,
      @Setting(names = "--warmup-steps", label = "N", help = "KL warm-up steps: β rises linearly from 0 to 1 (default ${DEFAULT-VALUE}).")
      long warmupSteps) implements dev.vaelab.lab.settings.Settings<Options> {
    public Options {
      new LadderVae(784, hidden, latents, Activation.TANH); // validates, naming the bad value
      hidden = hidden.clone();
      latents = latents.clone();
      Elbo.standard().withWarmupSteps(warmupSteps);
    }

    public static Options defaults() {
      return new Options(LadderVae.DEFAULT_HIDDEN, LadderVae.DEFAULT_LATENTS, DEFAULT_WARMUP_STEPS);
    }
  }

  public LadderVaeFamily() {
    super("ladder-vae", "ladder VAE (Sønderby et al. 2016): L stochastic layers, top-down precision-weighted posterior, KL warm-up",
        Options.class, Options.defaults());
  }

  @Override
  protected ModelSpec modelSpec(Options o, dev.vaelab.core.data.ImageShape input, long seed) {
    return new LadderVae(input.size(), o.hidden(), o.latents(), Activation.TANH);
  }

  @Override
  protected Objective objective(Options o) {
    return Elbo.standard().withWarmupSteps(o.warmupSteps());
  }

  @Override
  protected boolean binaryData(Options o) {
    return true;
  }

  /** The default test numbers and the active units of each stochastic layer. */
  @Override
  protected Map<String, Object> testNumbers(Options o, ModelGraph graph, EvaluationResult test, Dataset testData) {
    Map<String, Object> m = super.testNumbers(o, graph, test, testData);
    long[] l = o.latents();
    int from = 0;
    for (int i = 0; i < l.length; i++) {
      m.put("active_units_z" + (i + 1), VaeNetwork.activeUnits(test.varianceOfMean(), from, from + (int) l[i]));
      from += (int) l[i];
    }
    return m;
  }
}
