package dev.vaelab.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaelab.lab.Lab;
import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.run.ModelFamilies;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.run.TrainingSettings;
import dev.vaelab.lab.settings.Settings;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 28 through the lab: flow posteriors, the ladder VAE, WAE, InfoVAE and RAE train and report what they have (a
 * likelihood, or why not); the MAF and two-stage samplers fit after training, sample, and the MAF stands in for the prior.
 */
class RemainingFamiliesRunTest {
  @TempDir Path tmp;

  /** One epoch on 600 / 100 embedded images, NLL with K = 50 on 20 of them. */
  static RunSpec spec(String model, Map<String, Object> settings) {
    ModelFamily<?> f = ModelFamilies.named(model);
    Record o = f.defaults();
    for (var e : settings.entrySet()) {
      o = ((Settings<?>) o).with(e.getKey(), e.getValue());
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    RunSpec s = new RunSpec((ModelFamily) f, new DataSettings(DataSource.EMBEDDED, 7, 600, 100),
        TrainingSettings.defaults().with("epochs", 1).with("nllK", 50).with("nllExamples", 20), o);
    return s;
  }

  JsonObject train(String name, RunSpec spec) throws Exception {
    Path run = tmp.resolve(name);
    Lab.train(spec, run, false, TrainRunTest.QUIET);
    return TrainRunTest.json(run.resolve("summary.json"));
  }

  @Test
  void flowPosteriorsAndTheLadderReportTheirLikelihoodAndLayers() throws Exception {
    for (String p : new String[] {"planar", "iaf"}) {
      JsonObject s = train(p, spec("gaussian-vae", Map.of("hidden", new long[] {32}, "latent", 4L, "posterior", "iaf".equals(p)
          ? dev.vaelab.lab.families.vae.PosteriorKind.IAF : dev.vaelab.lab.families.vae.PosteriorKind.PLANAR, "flowSteps", 2)));
      assertThat(s.get("posterior").getAsString()).isEqualTo(p);
      assertThat(s.get("flow_steps").getAsInt()).isEqualTo(2);
      // the ELBO bounds the importance-sampled likelihood from below (on the same test images it is an average over more)
      assertThat(s.get("test_nll").getAsDouble()).isFinite().isPositive();
      assertThat(s.get("test_elbo").getAsDouble()).isFinite().isNegative();
    }
    JsonObject l = train("ladder", spec("ladder-vae", Map.of("hidden", new long[] {32, 16, 8}, "latents", new long[] {6, 4, 2})));
    assertThat(l.get("active_units_z1").getAsInt() + l.get("active_units_z2").getAsInt() + l.get("active_units_z3").getAsInt())
        .isEqualTo(l.get("active_units").getAsInt());
    assertThat(l.get("test_nll").getAsDouble()).isFinite().isPositive();
    assertThat(l.get("latent_size").getAsInt()).isEqualTo(12);
  }

  @Test
  void deterministicEncodersSayWhyThereIsNoLikelihoodAndSampleThroughFittedDensities() throws Exception {
    var log = new java.io.ByteArrayOutputStream();
    Lab.train(spec("wae", Map.of("hidden", new long[] {32}, "latent", 4L)), tmp.resolve("wae"), false, new java.io.PrintStream(log, true));
    JsonObject w = TrainRunTest.json(tmp.resolve("wae").resolve("summary.json"));
    // its epochs are reported by the distortion, not by an "ELBO" that would be −distortion
    assertThat(log.toString()).contains("epoch 1/1").contains("train distortion").contains("test distortion").doesNotContain("train ELBO", "test ELBO");
    assertThat(w.has("test_nll_unavailable")).isTrue();
    assertThat(w.get("test_nll_unavailable").getAsString()).contains("deterministic encoder");
    assertThat(w.has("test_elbo") || w.has("test_nll") || w.has("test_bound") || w.has("test_rate")).isFalse();
    assertThat(w.get("test_distortion").getAsDouble()).isFinite().isPositive();
    JsonObject g = train("wae-gaussian", spec("wae", Map.of("hidden", new long[] {32}, "latent", 4L, "encoder",
        dev.vaelab.lab.families.vae.EncoderKind.GAUSSIAN)));
    assertThat(g.get("test_nll").getAsDouble()).isFinite().isPositive();
    JsonObject i = train("info", spec("info-vae", Map.of("hidden", new long[] {32}, "latent", 4L)));
    assertThat(i.get("test_nll").getAsDouble()).isFinite().isPositive();

    JsonObject gp = train("rae-gp", spec("rae", Map.of("hidden", new long[] {32}, "latent", 4L, "penalty",
        dev.vaelab.lab.families.vae.RaePenaltyKind.GRADIENT)));
    assertThat(gp.get("test_distortion").getAsDouble()).isFinite().isPositive();
    assertThat(gp.has("test_nll_unavailable")).isTrue();
    Path rae = tmp.resolve("rae");
    Lab.train(spec("rae", Map.of("hidden", new long[] {32}, "latent", 4L)), rae, false, TrainRunTest.QUIET);
    assertThat(TrainRunTest.json(rae.resolve("summary.json")).has("test_nll_unavailable")).isTrue();
    for (String sampler : new String[] {"maf", "two-stage"}) {
      Lab.sample(rae, new ModelFamily.SampleRequest(16, 2, sampler, 3), tmp.resolve(sampler + ".png"), false, TrainRunTest.QUIET);
      assertThat(tmp.resolve(sampler + ".png")).isRegularFile();
    }
    assertThat(rae.resolve("sampler-posthoc-maf-3.json")).isRegularFile();
    assertThat(rae.resolve("sampler-posthoc-two-stage-3.checkpoint")).isDirectory();
    // a reloaded two-stage sampler draws the same images
    Lab.sample(rae, new ModelFamily.SampleRequest(16, 2, "two-stage", 3), tmp.resolve("again.png"), false, TrainRunTest.QUIET);
    assertThat(java.nio.file.Files.readAllBytes(tmp.resolve("again.png"))).isEqualTo(java.nio.file.Files.readAllBytes(tmp.resolve("two-stage.png")));
  }

  @Test
  void theMafStandsInForThePriorAndTheTwoStageDensityIsRefusedByName() throws Exception {
    Path run = tmp.resolve("vae");
    Lab.train(spec("gaussian-vae", Map.of("hidden", new long[] {32}, "latent", 4L)), run, false, TrainRunTest.QUIET);
    Map<String, Object> m = Lab.evaluate(run, new ModelFamily.EvaluationRequest(7, 50, 20, "maf", 3), TrainRunTest.QUIET).toMap();
    assertThat((double) m.get("test_nll_posthoc_maf")).isFinite().isPositive();
    assertThat(m.get("posthoc_maf_components")).isEqualTo(3);
    assertThatThrownBy(() -> Lab.evaluate(run, new ModelFamily.EvaluationRequest(7, 50, 20, "two-stage", 3), TrainRunTest.QUIET))
        .hasMessageContaining("two-stage").hasMessageContaining("no closed form");
  }

  @Test
  @SuppressWarnings("unchecked")
  void benchVariantsTimesEachVariantAgainstTheB1NetworkTrainedFirst() {
    Map<String, Object> r = BenchVariants.run(DataSource.EMBEDDED, java.util.List.of("rae", "vae"), 1, 0, 200, TrainRunTest.QUIET);
    var rows = (java.util.List<Map<String, Object>>) r.get("variants");
    assertThat(rows).extracting(m -> m.get("variant")).containsExactly("vae", "rae");
    double ref = (Double) rows.get(0).get("sec_per_epoch_median");
    double rae = (Double) rows.get(1).get("sec_per_epoch_median");
    assertThat(ref).isPositive();
    assertThat((Double) rows.get(0).get("ratio_to_vae")).isEqualTo(1.0);
    // the ratio of the unrounded times: within the rounding of the two times (to 0.1 ms) and of the ratio (to 0.001)
    double slack = rae / ref * (0.5e-4 / rae + 0.5e-4 / ref) + 0.5e-3 + 1e-9;
    assertThat((Double) rows.get(1).get("ratio_to_vae")).isCloseTo(rae / ref, org.assertj.core.api.Assertions.within(slack));
    assertThat(rows.get(1).get("model")).isEqualTo("rae");
    assertThatThrownBy(() -> BenchVariants.run(DataSource.EMBEDDED, java.util.List.of(), 1, 0, 200, TrainRunTest.QUIET))
        .hasMessageContaining("--variants");
  }
}
