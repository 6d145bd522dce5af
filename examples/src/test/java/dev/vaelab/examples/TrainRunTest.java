package dev.vaelab.examples;

import dev.vaelab.lab.Lab;
import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.families.vae.GaussianVaeFamily;
import dev.vaelab.lab.families.vae.IwaeFamily;
import dev.vaelab.lab.families.vq.VqVaeFamily;
import dev.vaelab.lab.graph.GraphFamily;
import dev.vaelab.lab.run.ModelFamilies;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.run.TrainingSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training, evaluating and sampling the gradient-trained families through the lab's verbs. */
class TrainRunTest {
  @TempDir Path tmp;

  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true);

  /** A small Gaussian VAE run: 64 hidden units, d = 4, 2 epochs on 1000 / 200 embedded images. */
  static RunSpec tiny() {
    GaussianVaeFamily f = (GaussianVaeFamily) ModelFamilies.named("gaussian-vae");
    return new RunSpec(f, new DataSettings(DataSource.EMBEDDED, 7, 1000, 200),
        TrainingSettings.defaults().with("epochs", 2).with("nllK", 100).with("nllExamples", 50), f.defaults().with("hidden", new long[] {64}).with("latent", 4));
  }

  static JsonObject json(Path file) throws Exception {
    return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
  }

  @Test
  void trainWritesACompleteRunFolderThatEvaluateAndSampleReload() throws Exception {
    Path run = tmp.resolve("run");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Map<String, Object> summary = Lab.train(tiny(), run, false, new PrintStream(log, true)).toMap();
    for (String f : List.of("config.json", "metrics.csv", "metrics.json", "summary.json", "samples.png",
        "reconstructions.png", "interpolations.png", "checkpoint/LATEST")) {
      assertThat(run.resolve(f)).as(f).isRegularFile();
    }
    assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(1 + 2);
    JsonObject s = json(run.resolve("summary.json"));
    for (String k : List.of("model", "dataset", "epochs", "test_elbo", "test_rate", "test_distortion",
        "active_units", "seconds_per_epoch", "skipped_batches")) {
      assertThat(s.has(k)).as(k).isTrue();
    }
    assertThat(s.get("model").getAsString()).isEqualTo("gaussian-vae");
    assertThat(s.get("dataset").getAsString()).isEqualTo("fashion-mnist-embedded-bin");
    assertThat(s.get("epochs").getAsInt()).isEqualTo(2);
    assertThat(s.get("test_examples").getAsInt()).isEqualTo(200);
    assertThat(s.get("nll_k").getAsInt()).isEqualTo(100);
    assertThat(s.get("skipped_batches").getAsInt()).isZero();
    assertThat(s.get("test_elbo").getAsDouble()).isEqualTo((double) summary.get("test_elbo"));
    assertThat(log.toString()).contains("epoch 2/2").contains("test ELBO");

    // config.json holds the family's settings only, in snake_case, and reads back to the same run
    JsonObject config = json(run.resolve("config.json"));
    assertThat(config.keySet()).containsExactlyElementsOf(RunSpec.keys(ModelFamilies.named("gaussian-vae")));
    assertThat(config.keySet()).contains("learning_rate", "warmup_steps", "free_bits").doesNotContain("codebook_size", "components", "k");
    // with the data's shape and preprocessing recorded as the run read them
    assertThat(RunSpec.read(run.resolve("config.json")).toJson())
        .isEqualTo(tiny().withRead(new dev.vaelab.lab.data.DataRecord("28x28x1", "pixels/255, binarised > 0.5")).toJson());

    // a fresh graph restored from the checkpoint, with the run's seed: the run's test numbers exactly
    Map<String, Object> again = Lab.evaluate(run, new ModelFamily.EvaluationRequest(7, 0, 0), QUIET).toMap();
    assertThat((double) again.get("test_rate")).isCloseTo(s.get("test_rate").getAsDouble(), within(1e-9));
    assertThat((double) again.get("test_elbo")).isCloseTo(s.get("test_elbo").getAsDouble(), within(1e-9));
    assertThat(again.get("active_units")).isEqualTo(s.get("active_units").getAsInt());

    Path png = tmp.resolve("s.png");
    Lab.sample(run, 16, 3, png, QUIET);
    assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(8 * 28);
  }

  @Test
  void evaluateUsesExactlyTheKAskedForAndKeepsEveryEarlierResult() throws Exception {
    RunSpec spec = tiny().withTraining(tiny().training().with("epochs", 1).with("nllK", 0).with("nllExamples", 0));
    Path run = tmp.resolve("k");
    Lab.train(spec, run, false, QUIET);
    // K = 50 is not a multiple of the estimator's chunk of 250 draws: it must stay 50
    Map<String, Object> first = Lab.evaluate(run, new ModelFamily.EvaluationRequest(7, 50, 10), QUIET).toMap();
    assertThat(first.get("nll_k")).isEqualTo(50);
    assertThat(first.get("nll_examples")).isEqualTo(10);
    Map<String, Object> second = Lab.evaluate(run, new ModelFamily.EvaluationRequest(7, 0, 0), QUIET).toMap();
    assertThat(second).doesNotContainKey("test_nll");
    var history = JsonParser.parseString(Files.readString(run.resolve("evaluations.json"))).getAsJsonArray();
    assertThat(history).hasSize(2);
    JsonObject kept = history.get(0).getAsJsonObject();
    assertThat(kept.getAsJsonObject("settings").get("nll_k").getAsInt()).isEqualTo(50);
    assertThat(kept.getAsJsonObject("results").get("test_nll").getAsDouble()).isEqualTo((double) first.get("test_nll"));
    assertThat(history.get(1).getAsJsonObject().getAsJsonObject("settings").get("nll_k").getAsInt()).isZero();
  }

  @Test
  void iwaeRunReportsItsBoundAndTheTestLogLikelihood() throws Exception {
    IwaeFamily f = (IwaeFamily) ModelFamilies.named("iwae");
    RunSpec spec = new RunSpec(f, tiny().data(), tiny().training().with("nllK", 500).with("nllExamples", 200),
        f.defaults().with("hidden", new long[] {64}).with("latent", 4).with("k", 5).with("gradient", "dreg"));
    Path run = tmp.resolve("iwae");
    Lab.train(spec, run, false, QUIET);
    JsonObject s = json(run.resolve("summary.json"));
    for (String key : List.of("test_iwae_k", "test_nll", "nll_k", "nll_standard_error", "k")) {
      assertThat(s.has(key)).as(key).isTrue();
    }
    assertThat(s.get("k").getAsInt()).isEqualTo(5);
    assertThat(s.get("nll_k").getAsInt()).isEqualTo(500);
    double elbo = s.get("test_elbo").getAsDouble();
    double l5 = s.get("test_iwae_k").getAsDouble();
    double nll = s.get("test_nll").getAsDouble();
    // ELBO ≤ L_5 ≤ ln p̂ with K = 500 on the same 200 images, with room for Monte-Carlo noise
    assertThat(l5).isGreaterThan(elbo);
    assertThat(-nll).isGreaterThan(l5 - 3 * s.get("nll_standard_error").getAsDouble() - 0.5);
    assertThat(Files.readAllLines(run.resolve("metrics.csv")).get(0)).contains("test_bound");
  }

  @Test
  void vqVaeRunReportsCodebookUsageRatesAndAnNllUpperBoundThatEvaluateReproduces() throws Exception {
    VqVaeFamily f = (VqVaeFamily) ModelFamilies.named("vq-vae");
    RunSpec spec = new RunSpec(f, tiny().data(), tiny().training().with("nllK", 100).with("nllExamples", 200),
        f.defaults().with("codebookSize", 16).with("codeDimension", 4).with("deadCodeThreshold", 1.0));
    Path run = tmp.resolve("vq");
    Lab.train(spec, run, false, QUIET);
    JsonObject s = json(run.resolve("summary.json"));
    for (String key : List.of("perplexity", "codes_used", "test_rate_fitted_prior", "test_nll_upper_bound")) {
      assertThat(s.has(key)).as(key).isTrue();
    }
    assertThat(s.has("test_nll")).isFalse(); // a deterministic encoder gives a bound, reported as such
    // the table's rate is the uniform-prior rate the curves show: the last epoch's test rate
    double uniform = 49 * Math.log(16);
    assertThat(s.get("test_rate").getAsDouble()).isCloseTo(uniform, within(1e-9));
    double elbo = -(s.get("test_distortion").getAsDouble() + uniform);
    assertThat(s.get("test_elbo").getAsDouble()).isCloseTo(elbo, within(1e-6));
    assertThat(s.get("test_bits_per_dim").getAsDouble()).isCloseTo(-elbo / (784 * Math.log(2)), within(1e-9));
    var lastEpoch = dev.vaelab.core.train.MetricsFiles.read(run).get(1);
    assertThat(lastEpoch.testRate()).isCloseTo(uniform, within(1e-3));
    assertThat(s.get("test_rate_fitted_prior").getAsDouble()).isLessThan(uniform);
    // the bound on all 200 test images is distortion + fitted-prior rate
    assertThat(s.get("test_nll_upper_bound").getAsDouble())
        .isCloseTo(s.get("test_distortion").getAsDouble() + s.get("test_rate_fitted_prior").getAsDouble(), within(1e-3));
    assertThat(s.get("codes_used").getAsInt()).isBetween(1, 16);
    // evaluate --nll 100 in a fresh graph: the same bound, whatever K
    Map<String, Object> e = Lab.evaluate(run, new ModelFamily.EvaluationRequest(7, 100, 0), QUIET).toMap();
    assertThat((double) e.get("test_nll_upper_bound")).isCloseTo(s.get("test_nll_upper_bound").getAsDouble(), within(1e-3));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(Vaelab.execute(new PrintStream(err, true), "evaluate", "--run", run.toString(), "--nll", "100", "--nll-examples", "20"))
        .as(err.toString()).isZero();
    // sampling from the saved checkpoint uses the fitted prior
    Lab.sample(run, 4, 1, tmp.resolve("vq.png"), QUIET);
    assertThat(ImageIO.read(tmp.resolve("vq.png").toFile())).isNotNull();
  }

  @Test
  void exportWritesASavedModelWhoseSignaturesReproduceTheRestoredModel() throws Exception {
    Path run = tmp.resolve("exp");
    Lab.train(tiny().withTraining(tiny().training().with("epochs", 1).with("nllK", 0).with("nllExamples", 0)), run, false, QUIET);
    Path out = tmp.resolve("saved");
    assertThat(RunFolderTest.cli("export", "--run", run.toString(), "--out", out.toString()).code()).isZero();
    assertThat(out.resolve("saved_model.pb")).isRegularFile();
    assertThat(RunFolderTest.cli("export", "--run", run.toString(), "--out", out.toString()).err()).contains("exists");
    Path foreign = tmp.resolve("my-folder");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("thesis.tex"), "x");
    assertThat(RunFolderTest.cli("export", "--run", run.toString(), "--out", foreign.toString(), "--overwrite").err())
        .contains("is not an exported model");
    assertThat(foreign.resolve("thesis.tex")).exists();
    int n = 3;
    float[] z = new float[n * 4];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) Math.sin(i + 1);
    }
    float[] rows = new float[n * 784];
    var data = DataSource.load(tiny().data(), true, "test");
    data.test().copyRange(0, n, rows);
    float[] expectedDecode;
    float[] expectedEncode;
    RunSpec spec = RunSpec.read(run.resolve("config.json"));
    try (var g = ((GraphFamily<?>) spec.family()).newGraph(spec, 7)) {
      g.restore(run.resolve("checkpoint"));
      expectedDecode = g.decodeMean(z, n);
      expectedEncode = g.encodeMean(rows, n);
    }
    try (var bundle = org.tensorflow.SavedModelBundle.load(out.toString(), "serve");
        var zt = dev.vaelab.core.graph.Feeds.matrix(z, n, 4);
        var yt = dev.vaelab.core.graph.Feeds.matrix(rows, n, 784);
        var nt = org.tensorflow.types.TInt32.scalarOf(5);
        var decoded = bundle.function("decode").call(Map.of("z", zt));
        var encoded = bundle.function("encode").call(Map.of("y", yt));
        var sampled = bundle.function("sample").call(Map.of("n", nt))) {
      float[] d = dev.vaelab.core.graph.Feeds.values((org.tensorflow.types.TFloat32) decoded.get("mean").orElseThrow());
      float[] e = dev.vaelab.core.graph.Feeds.values((org.tensorflow.types.TFloat32) encoded.get("posterior_mean").orElseThrow());
      for (int i = 0; i < d.length; i++) {
        assertThat(d[i]).isCloseTo(expectedDecode[i], within(1e-6f));
      }
      for (int i = 0; i < e.length; i++) {
        assertThat(e[i]).isCloseTo(expectedEncode[i], within(1e-6f));
      }
      assertThat(sampled.get("samples").orElseThrow().shape().asArray()).containsExactly(5, 784);
    }
  }
}
