package dev.vaelab.lab.families.vae;

import dev.vaelab.lab.settings.Setting;
import dev.vaelab.lab.graph.GraphFamily;
import dev.vaelab.lab.run.RunSpec;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.objective.GumbelSoftmaxElbo;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.objective.RelaxedElboLoss;
import dev.vaelab.gaussian.CategoricalVae;
import dev.vaelab.gaussian.GaussianVae;
import java.util.Map;

/**
 * {@code --model categorical-vae}: the categorical VAE (Jang et al. 2017) — N groups of K-way
 * categorical latents, uniform prior, the B1 MLPs. Trained by the Gumbel-softmax relaxation with an
 * annealed temperature (or straight-through), or with {@code --exact} by the ELBO enumerated over
 * all K^N values of z (no relaxation; K^N at most {@link Elbo#MAX_ENUMERATED_VALUES}). Evaluation
 * always uses the exact categorical: test ELBO with a Gumbel-max sample and analytic KL, test NLL by
 * importance sampling with the categorical encoder as proposal. The relaxed objective on the test set
 * at the final temperature is reported beside the exact ELBO ({@code test_relaxed_elbo},
 * {@code relaxation_gap} = relaxed − exact).
 */
public final class CategoricalVaeFamily extends GraphFamily<CategoricalVaeFamily.Options> {

  /**
   * Options of the categorical VAE.
   *
   * @param hidden hidden layer sizes of encoder and decoder
   * @param latentGroups N
   * @param categories K
   * @param temperature τ_0
   * @param annealRate r: τ = max(τ_min, τ_0 exp(−r · step))
   * @param minTemperature τ_min
   * @param straightThrough straight-through Gumbel (hard forward, relaxed gradient)
   * @param exact train on the ELBO enumerated over the K^N values (no relaxation)
   */
  public record Options(
      @Setting(names = "--hidden", split = ",", label = "H", help = "Hidden layer sizes of encoder and decoder (default 400).")
      long[] hidden,
      @Setting(names = "--latent-groups", label = "N", help = "Categorical latent variables N (default ${DEFAULT-VALUE}).")
      int latentGroups,
      @Setting(names = "--categories", label = "K", help = "Categories K of each (default ${DEFAULT-VALUE}).")
      int categories,
      @Setting(names = "--temperature", label = "TAU0", help = "Initial Gumbel-softmax temperature τ₀ (default ${DEFAULT-VALUE}).")
      double temperature,
      @Setting(names = "--anneal-rate", label = "R", help = "τ = max(τ_min, τ₀·exp(−R·step)) (default ${DEFAULT-VALUE}).")
      double annealRate,
      @Setting(names = "--min-temperature", label = "TAU_MIN", help = "Lowest temperature τ_min (default ${DEFAULT-VALUE}).")
      double minTemperature,
      @Setting(names = "--straight-through", help = "Straight-through Gumbel: one-hot forward, relaxed gradient.")
      boolean straightThrough,
      @Setting(names = "--exact", help = "Train on the ELBO enumerated over all K^N values of z (no relaxation; K^N <= 4096).")
      boolean exact) implements dev.vaelab.lab.settings.Settings<Options> {
    public Options {
      hidden = hidden.clone();
      new CategoricalVae(GaussianVae.DEFAULT_DATA_SIZE, hidden, latentGroups, categories); // validates, naming the bad value
      new GumbelSoftmaxElbo(temperature, annealRate, minTemperature, straightThrough, 1.0);
      if (exact && straightThrough) {
        throw new IllegalArgumentException("--exact enumerates z without any relaxation; it cannot be combined with --straight-through");
      }
      if (exact) {
        long values = dev.vaelab.core.distribution.GroupedCategorical.supportSize(latentGroups, categories);
        if (values > Elbo.MAX_ENUMERATED_VALUES) {
          throw new IllegalArgumentException("--exact enumerates the K^N = " + categories + "^" + latentGroups + " = "
              + (values == Long.MAX_VALUE ? "more than 2^63" : String.valueOf(values)) + " values of z, more than "
              + Elbo.MAX_ENUMERATED_VALUES + "; use fewer groups or categories (e.g. --latent-groups 2 --categories 10) or the relaxation");
        }
      }
    }

    /** B6(a): 784-400-(30×10)-400-784, τ = max(0.5, exp(−3·10⁻⁵ t)), relaxed. */
    public static Options defaults() {
      return new Options(new long[] {GaussianVae.DEFAULT_HIDDEN}, CategoricalVae.DEFAULT_GROUPS, CategoricalVae.DEFAULT_CLASSES,
          GumbelSoftmaxElbo.DEFAULT_TEMPERATURE, GumbelSoftmaxElbo.DEFAULT_ANNEAL_RATE, GumbelSoftmaxElbo.DEFAULT_MIN_TEMPERATURE, false, false);
    }
  }

  public CategoricalVaeFamily() {
    super("categorical-vae", "Categorical VAE (Jang et al. 2017): N groups of K-way categorical latents, uniform prior; Gumbel-softmax"
        + " with an annealed temperature, straight-through, or the exactly enumerated ELBO", Options.class, Options.defaults());
  }

  @Override
  protected ModelSpec modelSpec(Options o, dev.vaelab.core.data.ImageShape input, long seed) {
    return new CategoricalVae(input.size(), o.hidden(), o.latentGroups(), o.categories());
  }

  @Override
  public java.util.List<String> comparisonNotes(RunSpec spec) {
    return options(spec).exact() ? java.util.List.of()
        : java.util.List.of("trained on the relaxed (Gumbel-softmax) objective; its ELBO is the exact categorical one at a Gumbel-max sample, an"
            + " unbiased estimate, with the relaxed one's gap in \"relaxed − exact ELBO\".");
  }

  @Override
  protected Objective objective(Options o) {
    return o.exact() ? Elbo.standard() : new GumbelSoftmaxElbo(o.temperature(), o.annealRate(), o.minTemperature(), o.straightThrough(), 1.0);
  }

  @Override
  protected boolean binaryData(Options o) {
    return true;
  }

  /**
   * The exact test ELBO, rate and distortion; with the relaxation also the relaxed objective on the
   * test set at the current temperature and its gap to the exact ELBO. Active units (a Gaussian
   * notion) are not reported.
   */
  @Override
  protected Map<String, Object> testNumbers(Options o, ModelGraph graph, EvaluationResult test, Dataset data) {
    Map<String, Object> m = super.testNumbers(o, graph, test, data);
    m.put("active_units", null);
    if (graph.loss() instanceof RelaxedElboLoss relaxed) {
      if (data.size() > 0) {
        double[] sum = new double[1];
        data.forEachBatch(data.size(), Evaluator.DEFAULT_BATCH, (dev.vaelab.core.data.Batch b, int from) -> {
          for (float v : graph.fetchOn(relaxed.relaxedBound(), b)) {
            sum[0] += v;
          }
        });
        double relaxedElbo = sum[0] / data.size();
        m.put("test_relaxed_elbo", relaxedElbo);
        m.put("relaxation_gap", relaxedElbo - test.elbo());
      }
      m.put("final_temperature", ((GumbelSoftmaxElbo) graph.objective()).temperatureAt(stepOf(graph)));
    }
    return m;
  }

  private static long stepOf(ModelGraph graph) {
    try (org.tensorflow.Result r = graph.session().runner().fetch(graph.step()).run()) {
      return ((org.tensorflow.types.TInt64) r.get(0)).getLong();
    }
  }


  /** Its latents are categories (one-hot groups, code indices): no traversal. */
  @Override
  protected boolean continuousLatents(Options o) {
    return false;
  }
}
