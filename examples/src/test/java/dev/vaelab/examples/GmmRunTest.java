package dev.vaelab.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GmmRunTest {
  @TempDir Path tmp;

  @Test
  void oneDimensionalCsvGivesARunFolderWithTheFitFigure() throws Exception {
    Random r = new Random(2);
    StringBuilder csv = new StringBuilder("value\n");
    for (int i = 0; i < 3000; i++) {
      double v = i % 3 == 0 ? -3 + 0.5 * r.nextGaussian() : 2 + r.nextGaussian();
      csv.append(v).append('\n');
    }
    Path file = tmp.resolve("points.csv");
    Files.writeString(file, csv);
    RunConfig c = new RunConfig();
    c.model = "gmm";
    c.data = file.toString();
    c.components = 2;
    c.covariance = "diag";
    Path run = tmp.resolve("run");
    GmmRun.run(c, run, new PrintStream(new ByteArrayOutputStream(), true));
    for (String f : List.of("config.json", "summary.json", "trace.csv", "parameters.json", "fit-1d.png")) {
      assertThat(run.resolve(f)).as(f).isRegularFile();
    }
    JsonObject s = JsonParser.parseString(Files.readString(run.resolve("summary.json"))).getAsJsonObject();
    for (String k : List.of("train_loglik", "test_loglik", "iterations", "converged", "bic")) {
      assertThat(s.has(k)).as(k).isTrue();
    }
    assertThat(s.get("train_examples").getAsInt()).isEqualTo(2400);
    assertThat(s.get("test_examples").getAsInt()).isEqualTo(600);
    assertThat(s.get("converged").getAsBoolean()).isTrue();
    // the weights found are the generating 1/3, 2/3 (within sampling error)
    double w0 = s.getAsJsonArray("weights").get(0).getAsDouble();
    assertThat(Math.min(w0, 1 - w0)).isBetween(0.30, 0.37);
    assertThat(ImageIO.read(run.resolve("fit-1d.png").toFile()).getWidth()).isEqualTo(800);
    List<String> trace = Files.readAllLines(run.resolve("trace.csv"));
    assertThat(trace.get(0)).startsWith("iteration,log_likelihood,elbo_before_e_step");
    assertThat(trace).hasSize(1 + s.get("iterations").getAsInt());
  }

  @Test
  void imageFeaturesUsePcaFittedOnTheTrainingSplit() throws Exception {
    RunConfig c = new RunConfig();
    c.model = "gmm";
    c.components = 3;
    c.covariance = "full";
    c.pcaDim = 5;
    c.trainLimit = 800;
    c.testLimit = 200;
    c.tolerance = 1e-4;
    GmmRun.Result r = GmmRun.run(c, tmp.resolve("img"), new PrintStream(new ByteArrayOutputStream(), true));
    assertThat(r.summary().get("dimension")).isEqualTo(5);
    assertThat((double) r.summary().get("pca_explained_variance_ratio")).isBetween(0.3, 1.0);
    assertThat((double) r.summary().get("train_loglik")).isGreaterThan((double) r.summary().get("test_loglik") - 5);
  }

  @Test
  void badCsvIsRejectedWithTheLine() throws Exception {
    Path file = tmp.resolve("bad.csv");
    Files.writeString(file, "1,2\n3,x\n");
    assertThatThrownBy(() -> GmmFeatures.readCsv(file)).hasMessageContaining("line 2").hasMessageContaining("not a number");
    Files.writeString(file, "1,2\n3\n");
    assertThatThrownBy(() -> GmmFeatures.readCsv(file)).hasMessageContaining("1 values, expected 2");
  }
}
