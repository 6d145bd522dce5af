package dev.vaelab.examples;

import dev.vaelab.lab.Lab;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.score.Encoding;
import dev.vaelab.lab.score.ModelInputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.spark.LocalSpark;
import dev.vaelab.spark.SparkScorer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring over Spark (local[2], rows in 3 partitions so that the evaluator's blocks of 500 and the
 * estimator's blocks of 20 are cut between partitions) gives the numbers of vaelab evaluate and
 * vaelab encode in one process.
 */
class SparkScoringTest {
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true);
  @TempDir static Path tmp;

  @BeforeAll
  static void spark() {
    LocalSpark.session();
  }

  static int cli(String... args) {
    return Vaelab.execute(QUIET, args);
  }

  /** The rows as a data set of (label, y) in {@code partitions} partitions, in order. */
  static Dataset<Row> frame(double[] values, int[] labels, int d, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.length / d; i++) {
      rows.add(RowFactory.create(labels == null ? null : labels[i], java.util.Arrays.copyOfRange(values, i * d, (i + 1) * d)));
    }
    StructType schema = DataTypes.createStructType(List.of(DataTypes.createStructField("label", DataTypes.IntegerType, true),
        DataTypes.createStructField("y", DataTypes.createArrayType(DataTypes.DoubleType, false), false)));
    SparkSession s = LocalSpark.session();
    return s.createDataFrame(LocalSpark.context().parallelize(rows, partitions), schema);
  }

  static double mean(List<Row> rows, String column) {
    double s = 0;
    for (Row r : rows) {
      s += r.<Double>getAs(column);
    }
    return s / rows.size();
  }

  @Test
  void aGaussianVaesRowScoresEqualEvaluateAndEncodeWhateverThePartitioning() {
    Path run = tmp.resolve("vae");
    assertThat(cli("train", "--epochs", "1", "--train-limit", "600", "--test-limit", "1030", "--hidden", "32", "--latent", "4",
        "--nll-k", "0", "--out", run.toString())).isZero();
    int k = 30;
    Map<String, Object> eval = Lab.evaluate(run, new ModelFamily.EvaluationRequest(1, k, 1030), QUIET).toMap();
    RunSpec spec = RunSpec.read(run.resolve(RunFolder.CONFIG));
    ModelInputs in = spec.family().inputs(spec, spec.data());
    assertThat(in.testRows()).isEqualTo(1030);
    List<Row> scored = SparkScorer.score(frame(in.test(), in.testLabels(), in.dimension(), 3), "y", run, new SparkScorer.Settings(1L, k))
        .orderBy("index").collectAsList();
    assertThat(scored).hasSize(1030);
    assertThat(scored.get(0).schema().fieldNames()).containsExactly("label", "index", "elbo", "rate", "distortion", "bound", "nll", "z1", "z2", "z3", "z4");
    double elbo = (Double) eval.get("test_elbo");
    double nll = (Double) eval.get("test_nll");
    assertThat(mean(scored, "elbo")).isCloseTo(elbo, within(1e-9 * Math.abs(elbo)));
    assertThat(mean(scored, "rate")).isCloseTo((Double) eval.get("test_rate"), within(1e-9 * (Double) eval.get("test_rate")));
    assertThat(mean(scored, "nll")).isCloseTo(nll, within(1e-9 * nll));
    for (Row r : scored) { // the ELBO is −(rate + distortion) row by row, and the bound of a VAE is its ELBO
      assertThat(r.<Double>getAs("elbo")).isCloseTo(-(r.<Double>getAs("rate") + r.<Double>getAs("distortion")), within(1e-9));
      assertThat(r.<Double>getAs("bound")).isCloseTo(r.<Double>getAs("elbo"), within(1e-4));
    }
    try (RunFolder folder = RunFolder.read(run)) {
      Encoding e = spec.family().encode(spec, folder, spec.data(), QUIET);
      for (int i = 0; i < 1030; i++) {
        for (int j = 0; j < 4; j++) {
          assertThat(scored.get(i).<Double>getAs("z" + (j + 1))).as("row %d z%d", i, j + 1).isEqualTo((double) e.test()[i * 4 + j]);
        }
        assertThat(scored.get(i).<Integer>getAs("label")).isEqualTo(e.testLabels()[i]);
      }
    }
    // one partition, another seed: different noise gives a different ELBO mean (the seed is used)
    List<Row> other = SparkScorer.score(frame(in.test(), null, in.dimension(), 1), "y", run, new SparkScorer.Settings(99L, 0)).collectAsList();
    assertThat(mean(other, "elbo")).isNotEqualTo(mean(scored, "elbo"));
  }

  @Test
  void aVqVaesRowsAreScoredWithTheCodesOfEncode() {
    Path run = tmp.resolve("vq");
    assertThat(cli("train", "--model", "vq-vae", "--epochs", "1", "--train-limit", "300", "--test-limit", "60", "--nll-k", "0",
        "--out", run.toString())).isZero();
    RunSpec spec = RunSpec.read(run.resolve(RunFolder.CONFIG));
    ModelInputs in = spec.family().inputs(spec, spec.data());
    List<Row> scored = SparkScorer.score(frame(in.test(), in.testLabels(), in.dimension(), 2), "y", run, new SparkScorer.Settings(null, 50))
        .orderBy("index").collectAsList();
    Map<String, Object> eval = Lab.evaluate(run, new ModelFamily.EvaluationRequest(spec.data().seed(), 50, 60), QUIET).toMap();
    assertThat(mean(scored, "elbo")).isCloseTo((Double) eval.get("test_elbo"), within(1e-9 * Math.abs((Double) eval.get("test_elbo"))));
    // its deterministic encoder: the NLL bound of evaluate is −bound row by row, and no nll column is made
    double upper = (Double) eval.get("test_nll_upper_bound");
    assertThat(-mean(scored, "bound")).isCloseTo(upper, within(1e-6 * upper));
    assertThat(scored.get(0).schema().fieldNames()).doesNotContain("nll").contains("code1", "code49");
    try (RunFolder folder = RunFolder.read(run)) {
      Encoding e = spec.family().encode(spec, folder, spec.data(), QUIET);
      assertThat(e.kind()).isEqualTo("code");
      for (int i = 0; i < 60; i++) {
        for (int j = 0; j < 49; j++) {
          assertThat(scored.get(i).<Double>getAs("code" + (j + 1))).isEqualTo((double) e.test()[i * 49 + j]);
        }
      }
    }
  }

  @Test
  void aMixturesRowsGetTheExactLogLikelihoodAndTheResponsibilitiesOfEncode() throws Exception {
    Path csv = tmp.resolve("points.csv");
    Random r = new Random(4);
    StringBuilder b = new StringBuilder("a,b\n");
    for (int i = 0; i < 900; i++) {
      int c = i % 3;
      b.append(3 * c + r.nextGaussian()).append(',').append(-2 * c + 0.5 * r.nextGaussian()).append('\n');
    }
    Files.writeString(csv, b.toString());
    Path run = tmp.resolve("gmm");
    assertThat(cli("train", "--model", "gmm", "--data", csv.toString(), "--components", "3", "--covariance", "full", "--out", run.toString())).isZero();
    RunSpec spec = RunSpec.read(run.resolve(RunFolder.CONFIG));
    ModelInputs in = spec.family().inputs(spec, spec.data());
    List<Row> scored = SparkScorer.score(frame(in.test(), null, 2, 3), "y", run, new SparkScorer.Settings(null, 0)).orderBy("index").collectAsList();
    assertThat(scored.get(0).schema().fieldNames()).containsExactly("label", "index", "loglik", "q1", "q2", "q3");
    Map<String, Object> eval = Lab.evaluate(run, new ModelFamily.EvaluationRequest(1, 0, 0), QUIET).toMap();
    double ll = (Double) eval.get("test_loglik");
    assertThat(mean(scored, "loglik")).isCloseTo(ll, within(1e-12 * Math.abs(ll)));
    try (RunFolder folder = RunFolder.read(run)) {
      Encoding e = spec.family().encode(spec, folder, spec.data(), QUIET);
      for (int i = 0; i < scored.size(); i++) {
        double sum = 0;
        for (int j = 0; j < 3; j++) {
          double q = scored.get(i).<Double>getAs("q" + (j + 1));
          assertThat(q).isCloseTo(e.test()[i * 3 + j], within(1e-6)); // encode writes float32
          sum += q;
        }
        assertThat(sum).isCloseTo(1, within(1e-12));
      }
    }
  }

  @Test
  void aConditionalVaeIsScoredGivenEachRowsContext() {
    Path run = tmp.resolve("cvae");
    assertThat(cli("train", "--model", "cvae", "--epochs", "1", "--train-limit", "500", "--test-limit", "530", "--hidden", "32", "--latent", "4",
        "--nll-k", "0", "--out", run.toString())).isZero();
    Map<String, Object> eval = Lab.evaluate(run, new ModelFamily.EvaluationRequest(3, 10, 530), QUIET).toMap();
    RunSpec spec = RunSpec.read(run.resolve(RunFolder.CONFIG));
    ModelInputs in = spec.family().inputs(spec, spec.data());
    assertThat(in.contextSize()).isEqualTo(10);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < in.testRows(); i++) {
      rows.add(RowFactory.create(java.util.Arrays.copyOfRange(in.test(), i * 784, (i + 1) * 784), java.util.Arrays.copyOfRange(in.testContexts(), i * 10, (i + 1) * 10)));
    }
    StructType schema = DataTypes.createStructType(List.of(DataTypes.createStructField("y", DataTypes.createArrayType(DataTypes.DoubleType, false), false),
        DataTypes.createStructField("c", DataTypes.createArrayType(DataTypes.DoubleType, false), false)));
    Dataset<Row> d = LocalSpark.session().createDataFrame(LocalSpark.context().parallelize(rows, 3), schema);
    List<Row> scored = SparkScorer.score(d, "y", run, new SparkScorer.Settings(3L, 10, "c")).orderBy("index").collectAsList();
    assertThat(scored.get(0).schema().fieldNames()).startsWith("index", "elbo").doesNotContain("c", "y");
    double elbo = (Double) eval.get("test_elbo");
    double nll = (Double) eval.get("test_nll_conditional");
    assertThat(mean(scored, "elbo")).isCloseTo(elbo, within(1e-9 * Math.abs(elbo)));
    assertThat(mean(scored, "nll")).isCloseTo(nll, within(1e-9 * nll));
    // without its contexts the conditional model is refused, naming the setting
    assertThatThrownBy(() -> SparkScorer.score(d, "y", run, new SparkScorer.Settings(3L, 0))).hasMessageContaining("conditioned on 10 context values");
  }

  @Test
  void badInputIsRefusedNamingTheColumnAndTheRun() {
    Dataset<Row> d = frame(new double[] {1, 2, 3, 4}, null, 2, 1);
    assertThatThrownBy(() -> SparkScorer.score(d, "pixels", tmp.resolve("vae"), new SparkScorer.Settings(null, 0)))
        .hasMessageContaining("no column 'pixels'").hasMessageContaining("label, y");
    assertThatThrownBy(() -> SparkScorer.score(d, "label", tmp.resolve("vae"), new SparkScorer.Settings(null, 0)))
        .hasMessageContaining("must be an array of float or double, got int");
    assertThatThrownBy(() -> SparkScorer.score(d, "y", tmp.resolve("nothing-here"), new SparkScorer.Settings(null, 0)))
        .hasMessageContaining("nothing-here").hasMessageContaining("not a run folder");
    assertThatThrownBy(() -> new SparkScorer.Settings(null, -1)).hasMessageContaining("--nll-k must be >= 0").hasMessageContaining("got -1");
  }
}
