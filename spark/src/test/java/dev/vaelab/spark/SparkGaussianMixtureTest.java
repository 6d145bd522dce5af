package dev.vaelab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.gmm.CovarianceType;
import dev.vaelab.gmm.GaussianMixture;
import dev.vaelab.gmm.GaussianMixtureConfig;
import dev.vaelab.gmm.GaussianMixtureFit;
import dev.vaelab.gmm.MixtureParameters;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import com.google.gson.JsonObject;
import dev.vaelab.core.io.Json;
import dev.vaelab.examples.Vaelab;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkGaussianMixtureTest {
  static JavaSparkContext sc;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    sc = LocalSpark.context();
  }

  @Test
  void theDistributedFitEqualsGmmEmFromTheSameStartForEveryCovarianceForm() {
    Random r = new Random(3);
    double[][] x = new double[2000][3];
    for (int i = 0; i < x.length; i++) {
      int c = i % 3;
      for (int j = 0; j < 3; j++) {
        x[i][j] = 4 * c * (j == 1 ? -1 : 1) + (1 + 0.4 * c) * r.nextGaussian();
      }
    }
    JavaRDD<double[]> rows = sc.parallelize(Arrays.asList(x), 4).cache();
    for (CovarianceType type : CovarianceType.values()) {
      GaussianMixtureConfig base = GaussianMixtureConfig.of(3).withCovarianceType(type).withSeed(1);
      MixtureParameters start;
      try (GaussianMixtureFit once = new GaussianMixture(base.withMaxIterations(1)).fit(x)) {
        start = once.parameters();
      }
      GaussianMixtureConfig cfg = base.withInitialParameters(start);
      try (GaussianMixtureFit single = new GaussianMixture(cfg).fit(x)) {
        GaussianMixtureFit spark = SparkGaussianMixture.fit(rows, cfg);
        assertThat(spark.iterations()).as(type.id()).isEqualTo(single.iterations());
        assertThat(spark.trainLogLikelihood()).as(type.id()).isCloseTo(single.trainLogLikelihood(), within(1e-9 * Math.abs(single.trainLogLikelihood())));
        for (int c = 0; c < 3; c++) {
          for (int i = 0; i < 3; i++) {
            double m = single.parameters().means()[c][i];
            assertThat(spark.parameters().means()[c][i]).isCloseTo(m, within(1e-9 * (1 + Math.abs(m))));
          }
        }
      }
    }
  }

  static double[][] blobs(int n, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][2];
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      x[i][0] = 5 * c + r.nextGaussian();
      x[i][1] = (c == 1 ? 4 : 0) + (0.5 + 0.5 * c) * r.nextGaussian() + 0.3 * x[i][0];
    }
    return x;
  }

  @Test
  void theSampleStartWithRestartsReachesGmmEmsOptimumAndKeepsTheBestRestart() {
    double[][] x = blobs(3000, 6);
    JavaRDD<double[]> rows = sc.parallelize(Arrays.asList(x), 3).cache();
    GaussianMixtureConfig cfg = GaussianMixtureConfig.of(3).withCovarianceType(CovarianceType.FULL).withSeed(3).withRestarts(2);
    try (GaussianMixtureFit single = new GaussianMixture(cfg).fit(x)) {
      GaussianMixtureFit spark = SparkGaussianMixture.fit(rows, cfg);
      assertThat(spark.restartLogLikelihoods()).hasSize(2);
      assertThat(spark.trainLogLikelihood()).isEqualTo(spark.restartLogLikelihoods().stream().mapToDouble(Double::doubleValue).max().getAsDouble());
      // well-separated blobs: the k-means start on a sample and gmm-em's on all points lead to the same optimum
      assertThat(spark.trainLogLikelihood()).isCloseTo(single.trainLogLikelihood(), within(1e-6 * Math.abs(single.trainLogLikelihood())));
      assertThat(spark.converged()).isTrue();
      // the trace is gmm-em's: rate + distortion = −ln p, and the ELBO before each E-step never exceeds ln p after it
      for (int t = 1; t < spark.trace().size(); t++) {
        var it = spark.trace().get(t);
        assertThat(it.rate() + it.distortion()).isCloseTo(-it.logLikelihood(), within(1e-9));
        assertThat(it.elboBeforeEStep()).isLessThanOrEqualTo(it.logLikelihood() + 1e-12);
      }
    }
  }

  @Test
  void badRowsAreRefusedNamingTheProblem() {
    JavaRDD<double[]> ragged = sc.parallelize(List.of(new double[] {1, 2}, new double[] {3}), 1);
    GaussianMixtureConfig cfg = GaussianMixtureConfig.of(1);
    assertThatThrownBy(() -> SparkGaussianMixture.fit(ragged, cfg)).hasStackTraceContaining("a row has 1 values, expected 2 like the first");
    JavaRDD<double[]> nan = sc.parallelize(List.of(new double[] {1, 2}, new double[] {Double.NaN, 0}), 1);
    assertThatThrownBy(() -> SparkGaussianMixture.fit(nan, cfg)).hasStackTraceContaining("non-finite value NaN in column 1");
    JavaRDD<double[]> two = sc.parallelize(List.of(new double[] {1, 2}, new double[] {3, 4}), 1);
    assertThatThrownBy(() -> SparkGaussianMixture.fit(two, GaussianMixtureConfig.of(3))).hasMessageContaining("K = 3 is larger than the number of rows N = 2");
  }

  static int cli(boolean spark, String... args) {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
    PrintStream out = System.out;
    System.setOut(quiet);
    try {
      return spark ? SparkLab.execute(quiet, args) : Vaelab.execute(quiet, args);
    } finally {
      System.setOut(out);
    }
  }

  @Test
  void vaelabSparkGmmReachesTheMeanLogLikelihoodOfVaelabTrainFromTheSameStart() throws Exception {
    Path csv = tmp.resolve("points.csv");
    StringBuilder b = new StringBuilder();
    for (double[] row : blobs(2400, 9)) {
      b.append(row[0]).append(',').append(row[1]).append('\n');
    }
    Files.writeString(csv, b.toString());
    Path start = tmp.resolve("start");
    assertThat(cli(false, "train", "--model", "gmm", "--data", csv.toString(), "--components", "3", "--covariance", "full", "--max-iterations", "2",
        "--out", start.toString())).isZero();
    Path init = start.resolve("mixture.json");
    Path one = tmp.resolve("one");
    Path many = tmp.resolve("many");
    assertThat(cli(false, "train", "--model", "gmm", "--data", csv.toString(), "--components", "3", "--covariance", "full", "--init", init.toString(),
        "--out", one.toString())).isZero();
    assertThat(cli(true, "gmm", "--master", "local[2]", "--data", csv.toString(), "--components", "3", "--covariance", "full", "--init", init.toString(),
        "--out", many.toString())).isZero();
    JsonObject a = Json.readTree(one.resolve("summary.json")).getAsJsonObject();
    JsonObject s = Json.readTree(many.resolve("summary.json")).getAsJsonObject();
    double la = a.get("train_loglik").getAsDouble();
    assertThat(s.get("train_loglik").getAsDouble()).isCloseTo(la, within(1e-6 * Math.abs(la)));
    assertThat(s.get("test_loglik").getAsDouble()).isCloseTo(a.get("test_loglik").getAsDouble(), within(1e-6 * Math.abs(la)));
    assertThat(s.get("iterations").getAsInt()).isEqualTo(a.get("iterations").getAsInt());
    assertThat(s.get("engine").getAsString()).startsWith("vaelab-spark local[2]");
    assertThat(a.get("engine").getAsString()).isEqualTo("gmm-em");
    assertThat(many.resolve("mixture.json")).exists();
    assertThat(Files.readAllLines(many.resolve("trace.csv")).get(0)).isEqualTo(Files.readAllLines(one.resolve("trace.csv")).get(0));
    // the spark command refuses what train refuses, naming the value
    assertThat(cli(true, "gmm", "--master", "local[2]", "--data", csv.toString(), "--components", "4", "--init", init.toString(),
        "--out", tmp.resolve("bad").toString())).isEqualTo(1);
  }

  @Test
  void aTableReadByTheExecutorsIsFittedWholeAndItsRunIsScoredByVaelabSparkScore() throws Exception {
    double[][] x = blobs(3000, 4);
    Path csv = tmp.resolve("table.csv");
    StringBuilder b = new StringBuilder("a,b,label\n");
    for (int i = 0; i < x.length; i++) {
      b.append(x[i][0]).append(',').append(x[i][1]).append(',').append(i % 3).append('\n');
    }
    Files.writeString(csv, b.toString());
    Path start = tmp.resolve("table-start");
    Files.writeString(tmp.resolve("start.csv"), b.toString().replace(",label", "").replaceAll(",[0-2]\n", "\n"));
    assertThat(cli(false, "train", "--model", "gmm", "--data", tmp.resolve("start.csv").toString(), "--components", "3", "--max-iterations", "1",
        "--out", start.toString())).isZero();
    Path run = tmp.resolve("table-run");
    assertThat(cli(true, "gmm", "--master", "local[2]", "--input", csv.toString(), "--input-label-column", "label", "--components", "3",
        "--init", start.resolve("mixture.json").toString(), "--out", run.toString())).isZero();
    JsonObject s = Json.readTree(run.resolve("summary.json")).getAsJsonObject();
    assertThat(s.get("train_examples").getAsLong()).isEqualTo(3000);
    // every row of the table trains: gmm-em on all of them from the same start
    MixtureParameters init = dev.vaelab.gmm.MixtureJson.read(start.resolve("mixture.json")).parameters();
    try (GaussianMixtureFit single = new GaussianMixture(GaussianMixtureConfig.of(3).withCovarianceType(CovarianceType.FULL).withInitialParameters(init)).fit(x)) {
      assertThat(s.get("train_loglik").getAsDouble()).isCloseTo(single.trainLogLikelihood(), within(1e-9 * Math.abs(single.trainLogLikelihood())));
      assertThat(s.get("iterations").getAsInt()).isEqualTo(single.iterations());
    }
    assertThat(Files.readAllLines(run.resolve("trace.csv"))).hasSize(s.get("iterations").getAsInt() + 1);
    // the run is scored over the same table: its mean log-likelihood is the fit's
    Path scores = tmp.resolve("table-scores.csv");
    assertThat(cli(true, "score", "--master", "local[2]", "--run", run.toString(), "--input", csv.toString(), "--input-label-column", "label",
        "--out", scores.toString())).isZero();
    List<String> lines = Files.readAllLines(scores);
    assertThat(lines.get(0)).isEqualTo("label,index,loglik,q1,q2,q3");
    double mean = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[2])).average().getAsDouble();
    assertThat(mean).isCloseTo(s.get("train_loglik").getAsDouble(), within(1e-8)); // %.10g in the CSV
  }
}
