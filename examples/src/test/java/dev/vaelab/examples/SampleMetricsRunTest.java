package dev.vaelab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vaelab.lab.Lab;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.metrics.FeatureStatistics;
import dev.vaelab.metrics.FrechetDistance;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26: {@code evaluate --metrics fd,kid,pr} on a run's samples of every sampler and its reconstructions, in the
 * data's feature network's space, with the floor; {@code train --metrics}; {@code compare --metrics}; the mixture and
 * vector data.
 */
class SampleMetricsRunTest {
  @TempDir Path tmp;

  static double[][] npy(Path p) throws Exception {
    dev.vaelab.core.data.NpyFile f = new dev.vaelab.core.data.NpyFile(p);
    int n = (int) f.rows();
    int d = (int) f.shape().size();
    float[] v = new float[n * d];
    try (FileChannel c = f.open()) {
      f.readRows(c, 0, n, v);
    }
    double[][] out = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        out[i][j] = v[i * d + j];
      }
    }
    return out;
  }

  /** The record of the feature network cached for the tests' data (the build's cache, $VAELAB_FEATURES). */
  static JsonObject cachedNetwork(String weights) throws Exception {
    Path root = Path.of(System.getenv("VAELAB_FEATURES"));
    try (var dirs = Files.list(root)) {
      for (Path d : dirs.toList()) {
        Path f = d.resolve("feature-network.json");
        if (Files.isRegularFile(f)) {
          JsonObject o = JsonParser.parseString(Files.readString(f)).getAsJsonObject();
          if (o.get("weights_sha256").getAsString().equals(weights)) {
            return o;
          }
        }
      }
    }
    return null;
  }

  @Test
  void everySamplerAndTheReconstructionsAreScoredBesideTheFloorAndTheDumpReproducesThem() throws Exception {
    Path run = tmp.resolve("r");
    var spec = TrainRunTest.tiny().withTraining(TrainRunTest.tiny().training().with("epochs", 2).with("nllK", 0).with("metrics", "fd"));
    Lab.train(spec, run, false, TrainRunTest.QUIET);
    // train --metrics fd: in summary.json and TensorBoard at the last epoch
    JsonObject summary = TrainRunTest.json(run.resolve("summary.json"));
    assertThat(summary.has("fd_prior") && summary.has("fd_gmm") && summary.has("fd_reconstruction") && summary.has("fd_train")).isTrue();
    // the samplers fitted after training too, under keys that end in their names (two-stage: two_stage)
    assertThat(summary.has("fd_maf") && summary.has("fd_two_stage")).isTrue();
    var scalars = dev.vaelab.core.train.EventFile.scalars(run.resolve(dev.vaelab.lab.run.RunFolder.TENSORBOARD));
    assertThat(TensorBoardRunTest.value(scalars, "samples/fd_prior", 2)).isCloseTo(summary.get("fd_prior").getAsDouble(),
        org.assertj.core.api.Assertions.within(1e-3 * summary.get("fd_prior").getAsDouble()));

    Path dump = tmp.resolve("dump");
    Map<String, Object> r = Lab.evaluate(run, new ModelFamily.EvaluationRequest(7, 0, 0, "prior", 10, "fd,kid,pr", 150, "", "features", "features",
        dump.toString()), TrainRunTest.QUIET).toMap();
    for (String source : List.of("train", "prior", "gmm", "reconstruction")) {
      for (String m : List.of("fd_", "kid_", "kid_sd_", "precision_", "recall_")) {
        assertThat(r).as(m + source).containsKey(m + source);
      }
      // the numbers are those of the metrics on the dumped features (the real set: 150 of the 200 test images)
      double[][] real = npy(dump.resolve("real.npy"));
      double[][] set = npy(dump.resolve(source + ".npy"));
      assertThat(real.length).isEqualTo(150);
      assertThat(set.length).isEqualTo(150);
      assertThat((Double) r.get("fd_" + source)).isEqualTo(FrechetDistance.squared(FeatureStatistics.of(real), FeatureStatistics.of(set)));
      assertThat((Double) r.get("precision_" + source)).isEqualTo(dev.vaelab.metrics.PrecisionRecall.of(real, set, 3).precision());
    }
    // reconstructions of test images are closer to the test images than samples from the prior are, and the floor closer still
    assertThat((Double) r.get("fd_reconstruction")).isLessThan((Double) r.get("fd_prior"));
    assertThat((Double) r.get("fd_train")).isLessThan((Double) r.get("fd_reconstruction"));
    // the feature space named: the cached network of these data, its accuracy beside it
    JsonObject net = cachedNetwork((String) r.get("features"));
    assertThat(net).as("the cached feature network whose weights hash to " + r.get("features")).isNotNull();
    assertThat(net.get("train_examples").getAsInt()).isEqualTo(1000);
    assertThat((Double) r.get("features_accuracy")).isEqualTo(net.get("test_accuracy").getAsDouble()).isGreaterThan(0.4);
    assertThat(r.get("features_dim")).isEqualTo(128);
    // a dump folder that holds files is never written into
    assertThat(RunFolderTest.cli("evaluate", "--run", run.toString(), "--metrics", "fd", "--dump-features", dump.toString()).err())
        .contains("--dump-features " + dump + " exists and is not empty");
  }

  @Test
  void theMixturesAncestralSamplesAreScoredAndVectorDataUseTheValuesThemselves() throws Exception {
    Path gmm = tmp.resolve("gmm");
    assertThat(RunFolderTest.cli("train", "--model", "gmm", "--components", "3", "--train-limit", "600", "--test-limit", "150", "--out", gmm.toString())
        .code()).isZero();
    Map<String, Object> g = Lab.sampleQuality(gmm, "fd", 150, 0, TrainRunTest.QUIET).toMap();
    assertThat(g).containsKeys("fd_prior", "fd_train").doesNotContainKey("fd_reconstruction");
    assertThat((Double) g.get("fd_prior")).isPositive().isFinite();
    JsonObject net = cachedNetwork((String) g.get("features")); // a network of the mixture's own data: grey pixels, 600 images
    assertThat(net).isNotNull();
    assertThat(net.get("train_examples").getAsInt()).isEqualTo(600);

    Path csv = tmp.resolve("rows.csv");
    StringBuilder b = new StringBuilder();
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < 400; i++) {
      int c = i % 2;
      b.append(c * 4 + random.nextGaussian()).append(',').append(random.nextGaussian()).append('\n');
    }
    Files.writeString(csv, b.toString());
    Path vec = tmp.resolve("vec");
    assertThat(RunFolderTest.cli("train", "--model", "gmm", "--components", "2", "--data", csv.toString(), "--out", vec.toString()).code()).isZero();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Map<String, Object> v = Lab.sampleQuality(vec, "fd", 80, 0, new PrintStream(log, true)).toMap();
    assertThat(v.get("features")).isEqualTo("raw");
    assertThat(log.toString()).contains("vector data: no feature network is trained");
    // two well-separated clusters fitted by two components: samples as close to the test rows as training rows are
    assertThat((Double) v.get("fd_prior")).isLessThan(0.5);
  }

  @Test
  void compareAddsTheSampleMetricsAsksForThemOnceAndDrawsNllAgainstFd() throws Exception {
    Experiment e = Experiment.parse("""
        {"data": "embedded", "epochs": 1, "seeds": [0], "nll_k": 20, "nll_examples": 20, "train_limit": 400, "test_limit": 100,
         "variants": [{"name": "vae", "settings": {"model": "gaussian-vae", "hidden": [32], "latent": 3}}]}
        """, "test");
    Path out = tmp.resolve("cmp");
    CompareRun.run(e, out, new CompareRun.SampleMetrics("fd", 100), TrainRunTest.QUIET);
    String jsonl = Files.readString(out.resolve("results.jsonl"));
    assertThat(jsonl).contains("\"fd_prior\"").contains("\"fd_gmm\"").contains("\"features\"");
    assertThat(Files.readString(out.resolve("report.md"))).contains("FD prior").contains("FD floor (train)").contains("nll-fd.png")
        .contains("in the feature space");
    assertThat(out.resolve("nll-fd.png")).isRegularFile();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    CompareRun.run(e, out, new CompareRun.SampleMetrics("fd", 100), new PrintStream(log, true));
    assertThat(log.toString()).doesNotContain("metrics fd"); // recorded in the run's evaluations.json: not computed again
    assertThat(Files.readString(out.resolve("results.jsonl"))).isEqualTo(jsonl);
  }
}
