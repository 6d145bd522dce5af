package dev.vaelab.examples;

import dev.vaelab.lab.families.gmm.GmmFamily;
import dev.vaelab.lab.families.gmm.GmmFeatures;
import dev.vaelab.lab.families.gmm.GmmFiles;
import dev.vaelab.lab.run.RunSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --model gmm}: train, evaluate and sample from the command line; --init; CSV input rules. */
class GmmRunTest {
  @TempDir Path tmp;

  Path twoDimensionalCsv() throws Exception {
    Random r = new Random(2);
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < 3000; i++) {
      if (i % 3 == 0) {
        csv.append(-3 + 0.5 * r.nextGaussian()).append(',').append(1 + 0.3 * r.nextGaussian()).append('\n');
      } else {
        double a = r.nextGaussian();
        csv.append(2 + a).append(',').append(-1 + 0.5 * a + 0.4 * r.nextGaussian()).append('\n');
      }
    }
    Path file = tmp.resolve("points.csv");
    Files.writeString(file, csv);
    return file;
  }

  static JsonObject lastEvaluation(Path run) throws Exception {
    var h = JsonParser.parseString(Files.readString(run.resolve("evaluations.json"))).getAsJsonArray();
    return h.get(h.size() - 1).getAsJsonObject().getAsJsonObject("results");
  }

  /** ln Σ_n λ_n N(y | μ_n, Σ_n) for 2-D y, in plain Java (2×2 inverse and determinant by hand). */
  static double logDensity2d(dev.vaelab.gmm.MixtureJson.Mixture m, double[] y) {
    double max = Double.NEGATIVE_INFINITY;
    int k = m.parameters().components();
    double[] terms = new double[k];
    for (int n = 0; n < k; n++) {
      double[][] s = m.parameters().covariances()[n];
      double det = s[0][0] * s[1][1] - s[0][1] * s[1][0];
      double dx = y[0] - m.parameters().means()[n][0];
      double dy = y[1] - m.parameters().means()[n][1];
      double quad = (s[1][1] * dx * dx - (s[0][1] + s[1][0]) * dx * dy + s[0][0] * dy * dy) / det;
      terms[n] = Math.log(m.parameters().weights()[n]) - Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * quad;
      max = Math.max(max, terms[n]);
    }
    double sum = 0;
    for (double t : terms) {
      sum += Math.exp(t - max);
    }
    return max + Math.log(sum);
  }

  @Test
  void trainEvaluateAndSampleAGmmOnACsvFromTheCommandLine() throws Exception {
    Path csv = twoDimensionalCsv();
    Path run = tmp.resolve("run");
    RunFolderTest.Exit train = RunFolderTest.cli("train", "--model", "gmm", "--data", csv.toString(), "--components", "2", "--out", run.toString());
    assertThat(train.code()).as(train.err()).isZero();
    for (String f : List.of("config.json", "summary.json", "trace.csv", "mixture.json")) {
      assertThat(run.resolve(f)).as(f).isRegularFile();
    }
    JsonObject s = TrainRunTest.json(run.resolve("summary.json"));
    assertThat(s.get("train_examples").getAsInt()).isEqualTo(2400);
    assertThat(s.get("converged").getAsBoolean()).isTrue();
    double w0 = s.getAsJsonArray("weights").get(0).getAsDouble();
    assertThat(Math.min(w0, 1 - w0)).isBetween(0.30, 0.37);
    assertThat(TrainRunTest.json(run.resolve("config.json")).keySet()).containsExactlyElementsOf(RunSpec.keys(new GmmFamily()));

    // evaluate in a fresh load of mixture.json: the run's test log-likelihood, recomputed here in plain Java
    RunFolderTest.Exit eval = RunFolderTest.cli("evaluate", "--run", run.toString());
    assertThat(eval.code()).as(eval.err()).isZero();
    double evaluated = lastEvaluation(run).get("test_loglik").getAsDouble();
    assertThat(evaluated).isCloseTo(s.get("test_loglik").getAsDouble(), within(1e-9));
    dev.vaelab.gmm.MixtureJson.Mixture m = dev.vaelab.gmm.MixtureJson.read(run.resolve("mixture.json"));
    double[][] test = GmmFeatures.load(RunSpec.read(run.resolve("config.json")).data(), 50, null).test();
    assertThat(test).hasNumberOfRows(600);
    double sum = 0;
    for (double[] y : test) {
      sum += logDensity2d(m, y);
    }
    assertThat(evaluated).isCloseTo(sum / test.length, within(1e-8));

    // export: the mixture's JSON, equal to the run's
    Path exported = tmp.resolve("exported");
    assertThat(RunFolderTest.cli("export", "--run", run.toString(), "--out", exported.toString()).code()).isZero();
    dev.vaelab.gmm.MixtureJson.Mixture back = dev.vaelab.gmm.MixtureJson.read(exported.resolve("mixture.json"));
    assertThat(back.parameters().means()).isDeepEqualTo(m.parameters().means());
    assertThat(back.parameters().covariances()).isDeepEqualTo(m.parameters().covariances());
    assertThat(exported.resolve("config.json")).isRegularFile();

    // sample: ancestral draws whose mean is the mixture's mean Σ λ_n μ_n (within 4 standard errors)
    RunFolderTest.Exit sample = RunFolderTest.cli("sample", "--run", run.toString(), "-n", "4000", "--seed", "5");
    assertThat(sample.code()).as(sample.err()).isZero();
    List<String> rows = Files.readAllLines(run.resolve("samples-5.csv"));
    assertThat(rows).hasSize(1 + 4000);
    assertThat(rows.get(0)).isEqualTo("y1,y2,component");
    double[] mean = new double[2];
    double[] sq = new double[2];
    for (String row : rows.subList(1, rows.size())) {
      String[] c = row.split(",");
      for (int j = 0; j < 2; j++) {
        double v = Double.parseDouble(c[j]);
        mean[j] += v / 4000;
        sq[j] += v * v / 4000;
      }
    }
    for (int j = 0; j < 2; j++) {
      double expected = 0;
      for (int n = 0; n < 2; n++) {
        expected += m.parameters().weights()[n] * m.parameters().means()[n][j];
      }
      double se = Math.sqrt((sq[j] - mean[j] * mean[j]) / 4000);
      assertThat(mean[j]).isCloseTo(expected, within(4 * se));
    }
  }

  @Test
  void initStartsEmFromAGivenMixture() throws Exception {
    Path csv = twoDimensionalCsv();
    Path first = tmp.resolve("first");
    assertThat(RunFolderTest.cli("train", "--model", "gmm", "--data", csv.toString(), "--components", "2", "--out", first.toString()).code()).isZero();
    Path second = tmp.resolve("second");
    RunFolderTest.Exit again = RunFolderTest.cli("train", "--model", "gmm", "--data", csv.toString(), "--components", "2",
        "--init", first.resolve("mixture.json").toString(), "--out", second.toString());
    assertThat(again.code()).as(again.err()).isZero();
    JsonObject a = TrainRunTest.json(first.resolve("summary.json"));
    JsonObject b = TrainRunTest.json(second.resolve("summary.json"));
    // started at the first fit's optimum: the first iteration's log-likelihood is already the final one
    List<String> trace = Files.readAllLines(second.resolve("trace.csv"));
    double firstIteration = Double.parseDouble(trace.get(1).split(",")[1]);
    assertThat(firstIteration).isCloseTo(a.get("train_loglik").getAsDouble(), within(1e-6));
    assertThat(b.get("iterations").getAsInt()).isLessThanOrEqualTo(a.get("iterations").getAsInt());
    assertThat(b.get("train_loglik").getAsDouble()).isCloseTo(a.get("train_loglik").getAsDouble(), within(1e-6));
    assertThat(TrainRunTest.json(second.resolve("config.json")).get("init").getAsString()).isEqualTo(first.resolve("mixture.json").toString());
    RunFolderTest.Exit wrongK = RunFolderTest.cli("train", "--model", "gmm", "--data", csv.toString(), "--components", "3",
        "--init", first.resolve("mixture.json").toString(), "--out", tmp.resolve("third").toString());
    assertThat(wrongK.err()).contains("has 2 components, but --components is 3");
  }

  @Test
  void imageFeaturesUsePcaFittedOnTheTrainingSplitAndSamplesMapBackToImages() throws Exception {
    Path run = tmp.resolve("img");
    RunFolderTest.Exit train = RunFolderTest.cli("train", "--model", "gmm", "--components", "3", "--pca-dim", "5",
        "--train-limit", "800", "--test-limit", "200", "--tolerance", "1e-4", "--out", run.toString());
    assertThat(train.code()).as(train.err()).isZero();
    JsonObject s = TrainRunTest.json(run.resolve("summary.json"));
    assertThat(s.get("dimension").getAsInt()).isEqualTo(5);
    assertThat(s.get("pca_explained_variance_ratio").getAsDouble()).isBetween(0.3, 1.0);
    assertThat(run.resolve("pca.json")).isRegularFile();
    assertThat(RunFolderTest.cli("evaluate", "--run", run.toString()).code()).isZero();
    assertThat(lastEvaluation(run).get("test_loglik").getAsDouble()).isCloseTo(s.get("test_loglik").getAsDouble(), within(1e-9));
    assertThat(RunFolderTest.cli("sample", "--run", run.toString(), "-n", "16").code()).isZero();
    var img = ImageIO.read(run.resolve("samples-1.png").toFile());
    assertThat(img.getWidth()).isGreaterThan(8 * 28);
    var pca = GmmFiles.readPca(run.resolve("pca.json"));
    assertThat(pca.components()).hasNumberOfRows(5);
  }

  @Test
  void theInversePcaMapUndoesAFullRotation() {
    // a complete orthonormal basis of R⁴ (a rotation by 0.3 in two planes): toPixels(transform(x)) = x
    double c = Math.cos(0.3);
    double s = Math.sin(0.3);
    double[][] basis = {{c, -s, 0, 0}, {s, c, 0, 0}, {0, 0, c, s}, {0, 0, -s, c}};
    dev.vaelab.gmm.Pca pca = new dev.vaelab.gmm.Pca(new double[] {0.5, 0.2, 0.1, 0.4}, basis, new double[] {1, 1, 1, 1}, 4);
    float[] x = {0.9f, 0.05f, 0.3f, 0.7f, 0.0f, 1.0f, 0.5f, 0.25f};
    double[][] f = pca.transform(x, 2);
    for (int i = 0; i < 2; i++) {
      float[] back = dev.vaelab.lab.families.gmm.GmmFigures.toPixels(pca, f[i]);
      for (int j = 0; j < 4; j++) {
        assertThat((double) back[j]).isCloseTo(x[i * 4 + j], within(1e-6));
      }
    }
    // and values outside [0, 1] are clipped to pixel range
    assertThat(dev.vaelab.lab.families.gmm.GmmFigures.toPixels(pca, new double[] {5, 0, 0, 0})[0]).isEqualTo(1f);
  }

  @Test
  void csvHeadersAndBadCellsAreJudgedByTheLineOfTheFile() throws Exception {
    Path file = tmp.resolve("bad.csv");
    Files.writeString(file, "1,2\n3,x\n");
    assertThatThrownBy(() -> GmmFeatures.readCsv(file)).hasMessageContaining("line 2").hasMessageContaining("'x' (column 2) is not a number");
    Files.writeString(file, "1,2\n3\n");
    assertThatThrownBy(() -> GmmFeatures.readCsv(file)).hasMessageContaining("line 2: 1 values, expected 2");
    // a first row mixing numbers and text is not a header: an error naming the line
    Files.writeString(file, "# comment\nid7,2.5\n3,4\n");
    assertThatThrownBy(() -> GmmFeatures.readCsv(file)).hasMessageContaining("line 2").hasMessageContaining("header row must hold no number");
    // unless --csv-header says so
    assertThat(GmmFeatures.readCsv(file, true).values()).hasNumberOfRows(1);
    assertThat(GmmFeatures.readCsv(file, true).lines()).containsExactly(3);
    // an all-text first row is a header
    Files.writeString(file, "a,b\n1,2\n\n5,6\n");
    var rows = GmmFeatures.readCsv(file, false);
    assertThat(rows.values()).hasNumberOfRows(2);
    assertThat(rows.lines()).containsExactly(2, 4);
    Files.writeString(file, "1,2\n3,NaN\n");
    assertThatThrownBy(() -> GmmFeatures.readCsv(file)).hasMessageContaining("line 2: column 2 is NaN, expected a finite number");
  }
}
