package dev.vaelab.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vaelab.core.eval.EvaluationResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainRunTest {
  @TempDir Path tmp;

  static RunConfig tiny() {
    RunConfig c = new RunConfig();
    c.hidden = new long[] {64};
    c.latent = 4;
    c.epochs = 2;
    c.trainLimit = 1000;
    c.testLimit = 200;
    c.seed = 7;
    c.nllK = 100;
    c.nllExamples = 50;
    return c;
  }

  @Test
  void trainWritesACompleteRunFolderThatEvaluateAndSampleReload() throws Exception {
    Path run = tmp.resolve("run");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TrainRun.Result result = TrainRun.run(tiny(), run, new PrintStream(log, true));
    for (String f : List.of("config.json", "metrics.csv", "metrics.json", "summary.json", "samples.png",
        "reconstructions.png", "interpolations.png", "checkpoint/LATEST")) {
      assertThat(run.resolve(f)).as(f).isRegularFile();
    }
    assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(1 + 2);
    JsonObject s = JsonParser.parseString(Files.readString(run.resolve("summary.json"))).getAsJsonObject();
    for (String k : List.of("model", "dataset", "epochs", "test_elbo", "test_rate", "test_distortion",
        "active_units", "seconds_per_epoch")) {
      assertThat(s.has(k)).as(k).isTrue();
    }
    assertThat(s.get("model").getAsString()).isEqualTo("gaussian-vae");
    assertThat(s.get("epochs").getAsInt()).isEqualTo(2);
    assertThat(s.get("test_examples").getAsInt()).isEqualTo(200);
    double testElbo = s.get("test_elbo").getAsDouble();
    double testRate = s.get("test_rate").getAsDouble();
    assertThat(testElbo).isEqualTo(result.test().elbo());
    assertThat(log.toString()).contains("epoch 2/2").contains("test ELBO");

    // a fresh graph restored from the checkpoint: the analytic rate is reproduced exactly, the
    // one-sample ELBO up to its Monte-Carlo noise
    EvaluationResult again = EvaluateRun.run(run, 1);
    assertThat(again.rate()).isCloseTo(testRate, within(1e-4 * Math.max(1, testRate)));
    assertThat(again.elbo()).isCloseTo(testElbo, within(3.0));
    assertThat(again.activeUnits()).isEqualTo(s.get("active_units").getAsInt());
    assertThat(run.resolve("evaluation.json")).isRegularFile();

    Path png = tmp.resolve("s.png");
    float[] samples = SampleRun.run(run, 16, 3, png);
    assertThat(samples).hasSize(16 * 784);
    for (float v : samples) {
      assertThat(v).isBetween(0f, 1f);
    }
    assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(8 * 28);
  }

  @Test
  void iwaeRunReportsItsBoundAndTheTestLogLikelihood() throws Exception {
    RunConfig c = tiny();
    c.model = "iwae";
    c.k = 5;
    c.gradient = "dreg";
    c.nllK = 500;
    c.nllExamples = 200;
    Path run = tmp.resolve("iwae");
    TrainRun.run(c, run, new PrintStream(new ByteArrayOutputStream(), true));
    JsonObject s = JsonParser.parseString(Files.readString(run.resolve("summary.json"))).getAsJsonObject();
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
  void vqVaeRunReportsCodebookUsageAndRate() throws Exception {
    RunConfig c = tiny();
    c.model = "vq-vae";
    c.codebookSize = 16;
    c.codeDimension = 4;
    c.deadCodeThreshold = 1.0;
    Path run = tmp.resolve("vq");
    TrainRun.run(c, run, new PrintStream(new ByteArrayOutputStream(), true));
    JsonObject s = JsonParser.parseString(Files.readString(run.resolve("summary.json"))).getAsJsonObject();
    for (String key : List.of("test_recon_nats", "perplexity", "codes_used", "rate_nats", "rate_nats_fitted_prior")) {
      assertThat(s.has(key)).as(key).isTrue();
    }
    assertThat(s.get("rate_nats").getAsDouble()).isCloseTo(49 * Math.log(16), within(1e-9));
    assertThat(s.get("rate_nats_fitted_prior").getAsDouble()).isLessThan(s.get("rate_nats").getAsDouble());
    assertThat(s.get("codes_used").getAsInt()).isBetween(1, 16);
    assertThat(s.get("test_recon_nats").getAsDouble()).isEqualTo(s.get("test_distortion").getAsDouble(), within(1e-9));
    // a fresh process-equivalent: sampling from the saved checkpoint uses the fitted prior
    float[] samples = SampleRun.run(run, 4, 1, tmp.resolve("vq.png"));
    assertThat(samples).hasSize(4 * 784);
  }

  @Test
  void commandLineReportsBadInputAndExitsNonZero() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Vaelab.execute(new PrintStream(err, true), "train", "--model", "nope", "--out", tmp.resolve("x").toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("unknown model 'nope'").contains("gaussian-vae").contains("iwae");
    err.reset();
    code = Vaelab.execute(new PrintStream(err, true), "evaluate", "--run", tmp.resolve("missing").toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("not a run folder");
  }
}
