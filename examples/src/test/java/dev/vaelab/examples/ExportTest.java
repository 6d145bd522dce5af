package dev.vaelab.examples;

import dev.vaelab.lab.Lab;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.families.gmm.GmmFamily;
import dev.vaelab.lab.graph.GraphFamily;
import dev.vaelab.lab.run.ModelFamilies;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.run.TrainingSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.data.Batch;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.gmm.GaussianMixtureFit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vaelab export} then a fresh JVM that loads the SavedModel with TensorFlow Java's
 * {@code SavedModelBundle} alone ({@link SavedModelProbe}): {@code encode} and {@code score}
 * reproduce the in-process model to 1e-5 (the graph families) and the mixture's plain-Java
 * log-likelihoods and responsibilities to 1e-9; {@code vaelab encode} writes the same means.
 */
class ExportTest {
  @TempDir Path tmp;

  /** Runs the probe in a new JVM; returns its outputs by name. */
  static Map<String, double[]> probe(Path dir, String signature, String input, double[][] rows, String type, Path tmp) throws Exception {
    Path file = tmp.resolve(signature + "-" + System.nanoTime() + ".txt");
    StringBuilder b = new StringBuilder();
    for (double[] r : rows) {
      for (int j = 0; j < r.length; j++) {
        b.append(j == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.17g", r[j]));
      }
      b.append('\n');
    }
    Files.writeString(file, b);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SavedModelProbe.class.getName(),
        dir.toString(), signature, input, file.toString(), type);
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    Path log = tmp.resolve("probe.log");
    pb.redirectError(log.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(Files.readString(log)).isZero();
    Map<String, double[]> m = new HashMap<>();
    for (String line : out.split("\n")) {
      String[] cells = line.trim().split(" ");
      double[] v = new double[cells.length - 1];
      for (int i = 1; i < cells.length; i++) {
        v[i - 1] = Double.parseDouble(cells[i]);
      }
      m.put(cells[0], v);
    }
    return m;
  }

  @Test
  void anExportedVaeEncodesAndScoresInAFreshJvmAsTheTrainedModel() throws Exception {
    Path run = tmp.resolve("vae");
    Lab.train(TrainRunTest.tiny().withTraining(TrainingSettings.defaults().with("epochs", 1).with("nllK", 0).with("nllExamples", 0)), run, false, TrainRunTest.QUIET);
    Path out = tmp.resolve("exported");
    assertThat(Lab.export(run, out, false, TrainRunTest.QUIET)).contains("score");
    RunSpec spec = RunSpec.read(run.resolve("config.json"));
    GraphFamily<?> family = (GraphFamily<?>) spec.family();
    DataSource.Splits data = family.splits(spec);
    int n = 12;
    Batch batch = data.test().batch(0, n);
    float[] mean;
    float[][] terms;
    try (ModelGraph g = family.newGraph(spec, spec.data().seed())) {
      g.restore(run.resolve("checkpoint"));
      mean = g.encodeMean(batch);
      terms = g.lossTerms(batch, 0); // the export's default draw
    }
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      float[] r = data.test().row(i);
      rows[i] = new double[r.length];
      for (int j = 0; j < r.length; j++) {
        rows[i][j] = r[j];
      }
    }
    Map<String, double[]> enc = probe(out, "encode", "y", rows, "float32", tmp);
    assertThat(enc.get("posterior_mean")).hasSize(mean.length);
    for (int i = 0; i < mean.length; i++) {
      assertThat(enc.get("posterior_mean")[i]).isCloseTo(mean[i], within(1e-5));
    }
    Map<String, double[]> score = probe(out, "score", "y", rows, "float32", tmp);
    for (int i = 0; i < n; i++) {
      assertThat(score.get("rate")[i]).isCloseTo(terms[0][i], within(1e-5 * Math.max(1, Math.abs(terms[0][i]))));
      assertThat(score.get("distortion")[i]).isCloseTo(terms[1][i], within(1e-5 * Math.max(1, Math.abs(terms[1][i]))));
      assertThat(score.get("bound")[i]).isCloseTo(terms[2][i], within(1e-5 * Math.max(1, Math.abs(terms[2][i]))));
      double elbo = -(terms[0][i] + terms[1][i]); // −(rate + distortion), recomputed here
      assertThat(score.get("elbo")[i]).isCloseTo(elbo, within(1e-5 * Math.max(1, Math.abs(elbo))));
    }
    // vaelab encode writes the same posterior means (test rows after the training rows)
    Path csv = tmp.resolve("z.csv");
    Lab.encode(run, null, csv, "test", false, TrainRunTest.QUIET);
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).startsWith("split,label,z1,");
    String[] first = lines.get(1).split(",");
    assertThat(first[0]).isEqualTo("test");
    assertThat(Integer.parseInt(first[1])).isEqualTo(data.test().label(0));
    assertThat(Double.parseDouble(first[2])).isCloseTo(mean[0], within(1e-5));
  }

  @Test
  void anExportedMixtureScoresInAFreshJvmAsTheFit() throws Exception {
    Path csv = tmp.resolve("points.csv");
    java.util.Random r = new java.util.Random(5);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      int k = i % 3;
      b.append(String.format(Locale.ROOT, "%.6f,%.6f%n", 4 * k + r.nextGaussian(), (k == 1 ? 3 : 0) + 0.5 * r.nextGaussian()));
    }
    Files.writeString(csv, b);
    Path run = tmp.resolve("gmm");
    assertThat(RunFolderTest.cli("train", "--model", "gmm", "--data", csv.toString(), "--components", "3", "--covariance", "full",
        "--out", run.toString()).code()).isZero();
    Path out = tmp.resolve("gmm-exported");
    assertThat(RunFolderTest.cli("export", "--run", run.toString(), "--out", out.toString()).code()).isZero();
    double[][] rows = {{0, 0}, {4, 3}, {8, 0}, {2, 1.5}, {-10, 20}};
    Map<String, double[]> s = probe(out, "score", "y", rows, "float64", tmp);
    GmmFamily family = (GmmFamily) ModelFamilies.named("gmm");
    RunSpec spec = RunSpec.read(run.resolve("config.json"));
    try (RunFolder folder = RunFolder.read(run); GaussianMixtureFit fit = family.load(spec, folder)) {
      int k = fit.parameters().components();
      for (int i = 0; i < rows.length; i++) {
        assertThat(s.get("log_likelihood")[i]).isCloseTo(fit.logLikelihood(rows[i]), within(1e-9 * Math.max(1, Math.abs(fit.logLikelihood(rows[i])))));
        double[] q = fit.predictProba(rows[i]);
        for (int j = 0; j < k; j++) {
          assertThat(s.get("responsibilities")[i * k + j]).isCloseTo(q[j], within(1e-9));
        }
      }
      // decode of a one-hot code is that component's mean
      double[][] oneHot = new double[k][k];
      for (int j = 0; j < k; j++) {
        oneHot[j][j] = 1;
      }
      Map<String, double[]> d = probe(out, "decode", "z", oneHot, "float64", tmp);
      for (int j = 0; j < k; j++) {
        assertThat(d.get("mean")[2 * j]).isCloseTo(fit.parameters().means()[j][0], within(1e-12));
        assertThat(d.get("mean")[2 * j + 1]).isCloseTo(fit.parameters().means()[j][1], within(1e-12));
      }
      // sample: component frequencies ≈ λ and, per component, the sample mean and covariance ≈ μ_n and Σ_n
      int m = 20000;
      try (var bundle = org.tensorflow.SavedModelBundle.load(out.toString(), "serve");
          var count = org.tensorflow.types.TInt32.scalarOf(m);
          var seed = org.tensorflow.types.TInt64.vectorOf(3, 4);
          var res = bundle.function("sample").call(Map.of("n", count, "seed", seed))) {
        var x = (org.tensorflow.types.TFloat64) res.get("samples").orElseThrow();
        var c = (org.tensorflow.types.TInt64) res.get("components").orElseThrow();
        double[][] sum = new double[k][2];
        double[][][] sq = new double[k][2][2];
        int[] hits = new int[k];
        for (int i = 0; i < m; i++) {
          int j = (int) c.getLong(i);
          hits[j]++;
          double a = x.getDouble(i, 0);
          double bb = x.getDouble(i, 1);
          sum[j][0] += a;
          sum[j][1] += bb;
          sq[j][0][0] += a * a;
          sq[j][0][1] += a * bb;
          sq[j][1][1] += bb * bb;
        }
        for (int j = 0; j < k; j++) {
          double w = fit.parameters().weights()[j];
          assertThat(hits[j] / (double) m).isCloseTo(w, within(4 * Math.sqrt(w * (1 - w) / m)));
          double[] mu = fit.parameters().means()[j];
          double[][] cov = fit.parameters().covariances()[j];
          double m0 = sum[j][0] / hits[j];
          double m1 = sum[j][1] / hits[j];
          assertThat(m0).isCloseTo(mu[0], within(4 * Math.sqrt(cov[0][0] / hits[j])));
          assertThat(m1).isCloseTo(mu[1], within(4 * Math.sqrt(cov[1][1] / hits[j])));
          assertThat(sq[j][0][0] / hits[j] - m0 * m0).isCloseTo(cov[0][0], within(0.1 * cov[0][0]));
          assertThat(sq[j][1][1] / hits[j] - m1 * m1).isCloseTo(cov[1][1], within(0.1 * cov[1][1]));
          assertThat(sq[j][0][1] / hits[j] - m0 * m1).isCloseTo(cov[0][1], within(0.1 * Math.sqrt(cov[0][0] * cov[1][1])));
        }
      }
    }
  }

  @Test
  void anExportedVqVaeEncodesToTheCodesOfVaelabEncode() throws Exception {
    Path run = tmp.resolve("vq");
    assertThat(RunFolderTest.cli("train", "--model", "vq-vae", "--epochs", "1", "--train-limit", "300", "--test-limit", "20", "--nll-k", "0",
        "--out", run.toString()).code()).isZero();
    Path out = tmp.resolve("vq-exported");
    assertThat(RunFolderTest.cli("export", "--run", run.toString(), "--out", out.toString()).code()).isZero();
    Path codes = tmp.resolve("codes.csv");
    Lab.encode(run, null, codes, "test", false, TrainRunTest.QUIET);
    List<String> lines = Files.readAllLines(codes);
    assertThat(lines.get(0)).startsWith("split,label,code1,").endsWith(",code49"); // 7 × 7 positions
    RunSpec spec = RunSpec.read(run.resolve("config.json"));
    DataSource.Splits data = ((GraphFamily<?>) spec.family()).splits(spec);
    float[] rows = new float[5 * 784];
    data.test().copyRange(0, 5, rows);
    try (var bundle = org.tensorflow.SavedModelBundle.load(out.toString(), "serve");
        var y = org.tensorflow.types.TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(5, 784), org.tensorflow.ndarray.buffer.DataBuffers.of(rows, true, false));
        var r = bundle.function("encode").call(Map.of("y", y))) {
      var c = (org.tensorflow.types.TInt64) r.get("codes").orElseThrow();
      assertThat(c.shape().asArray()).containsExactly(5, 49);
      for (int i = 0; i < 5; i++) {
        String[] cells = lines.get(1 + i).split(",");
        for (int p = 0; p < 49; p++) {
          assertThat(c.getLong(i, p)).isEqualTo(Long.parseLong(cells[2 + p]));
        }
      }
    }
  }
}
