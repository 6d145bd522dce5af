package dev.vaelab.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaelab.lab.Lab;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.score.Encoding;
import dev.vaelab.metrics.Clustering;
import dev.vaelab.metrics.LinearProbe;
import dev.vaelab.metrics.NearestNeighbours;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 26, in part: {@code evaluate --metrics probe,knn,cluster} scores a run's encoding as the metrics do on it directly. */
class RepresentationMetricsRunTest {
  @TempDir Path tmp;

  @Test
  void evaluateAddsTheRepresentationMetricsOfTheRunsEncoding() {
    Path run = tmp.resolve("r");
    Lab.train(TrainRunTest.tiny().withTraining(TrainRunTest.tiny().training().with("epochs", 2).with("nllK", 0)), run, false, TrainRunTest.QUIET);
    Map<String, Object> r = Lab.evaluate(run, new ModelFamily.EvaluationRequest(7, 0, 0, "prior", 10, "probe,knn,cluster"), TrainRunTest.QUIET).toMap();
    // the same numbers from the metrics run directly on what encode gives (the encoding is deterministic: posterior means)
    var spec = dev.vaelab.lab.run.RunSpec.read(run.resolve("config.json"));
    Encoding e;
    try (var folder = dev.vaelab.lab.run.RunFolder.read(run)) {
      e = spec.family().encode(spec, folder, spec.data(), TrainRunTest.QUIET);
    }
    double[][] train = dev.vaelab.lab.score.RepresentationScores.rows(e.train(), e.width());
    double[][] test = dev.vaelab.lab.score.RepresentationScores.rows(e.test(), e.width());
    assertThat((Double) r.get("probe_accuracy"))
        .isEqualTo(LinearProbe.of(train, e.trainLabels(), test, e.testLabels(), LinearProbe.DEFAULT_EPOCHS, 7).accuracy());
    assertThat((Double) r.get("knn_accuracy")).isEqualTo(NearestNeighbours.of(train, e.trainLabels(), test, e.testLabels(), 5).accuracy());
    Clustering c = Clustering.of(test, e.testLabels(), 7);
    assertThat((Double) r.get("cluster_nmi")).isEqualTo(c.nmi());
    assertThat((Double) r.get("cluster_ari")).isEqualTo(c.ari());
    // ten Fashion-MNIST classes: even a two-epoch VAE's latents carry them well above chance (0.1)
    assertThat((Double) r.get("probe_accuracy")).isGreaterThan(0.4);
    assertThat((Double) r.get("knn_accuracy")).isGreaterThan(0.4);
    // recorded with the settings asked for
    String history = new String(uncheckedRead(run.resolve("evaluations.json")));
    assertThat(history).contains("\"metrics\": \"probe,knn,cluster\"").contains("probe_accuracy");
  }

  @Test
  void aVqVaeIsScoredOnItsQuantisedVectorsTheCodebookRowsItsCodesName() throws Exception {
    Path run = tmp.resolve("vq");
    assertThat(RunFolderTest.cli("train", "--model", "vq-vae", "--epochs", "1", "--train-limit", "300", "--test-limit", "100", "--nll-k", "0",
        "--codebook-size", "16", "--code-dimension", "4", "--out", run.toString()).code()).isZero();
    var spec = dev.vaelab.lab.run.RunSpec.read(run.resolve("config.json"));
    Encoding codes;
    Encoding vectors;
    float[] codebook;
    try (var folder = dev.vaelab.lab.run.RunFolder.read(run)) {
      codes = spec.family().encode(spec, folder, spec.data(), TrainRunTest.QUIET);
      vectors = spec.family().representation(spec, folder, spec.data(), TrainRunTest.QUIET);
      var family = (dev.vaelab.lab.graph.GraphFamily<?>) spec.family();
      try (var restored = family.restore(spec, folder, 0, TrainRunTest.QUIET)) {
        var g = restored.graph();
        // the codebook variable, found by its name in the graph (the quantiser names it ..._codebook)
        String name = null;
        for (var it = g.graph().operations(); it.hasNext(); ) {
          String n = it.next().name();
          if (n.endsWith("_codebook")) {
            name = n;
          }
        }
        assertThat(name).as("the codebook variable").isNotNull();
        try (var r = g.session().runner().fetch(name).run()) {
          codebook = dev.vaelab.core.graph.Feeds.values((org.tensorflow.types.TFloat32) r.get(0));
        }
      }
    }
    assertThat(codebook).hasSize(16 * 4);
    assertThat(vectors.kind()).isEqualTo("quantised");
    assertThat(vectors.width()).isEqualTo(codes.width() * 4);
    for (int i = 0; i < 100; i++) { // every position of the first 100 test rows: the codebook row of its code
      for (int p = 0; p < codes.width(); p++) {
        int k = (int) codes.test()[i * codes.width() + p];
        for (int j = 0; j < 4; j++) {
          assertThat(vectors.test()[(i * codes.width() + p) * 4 + j]).isEqualTo(codebook[k * 4 + j]);
        }
      }
    }
    Map<String, Object> r = Lab.evaluate(run, new ModelFamily.EvaluationRequest(0, 0, 0, "prior", 10, "probe"), TrainRunTest.QUIET).toMap();
    assertThat((Double) r.get("probe_accuracy")).isBetween(0.0, 1.0);
  }

  @Test
  void trainWritesTheMetricsItIsAskedForToSummaryJsonAsEvaluateComputesThem() throws Exception {
    Path run = tmp.resolve("t");
    RunFolderTest.Exit e = RunFolderTest.cli("train", "--epochs", "1", "--train-limit", "500", "--test-limit", "200", "--nll-k", "0",
        "--metrics", "probe,cluster", "--out", run.toString());
    assertThat(e.code()).isZero();
    var summary = TrainRunTest.json(run.resolve("summary.json"));
    assertThat(summary.has("knn_accuracy")).isFalse();
    Map<String, Object> again = Lab.representation(run, "probe,cluster", 0, TrainRunTest.QUIET).toMap();
    assertThat(summary.get("probe_accuracy").getAsDouble()).isEqualTo((Double) again.get("probe_accuracy"));
    assertThat(summary.get("cluster_nmi").getAsDouble()).isEqualTo((Double) again.get("cluster_nmi"));
    assertThat(TrainRunTest.json(run.resolve("config.json")).get("metrics").getAsString()).isEqualTo("probe,cluster");
    // and in TensorBoard, at the last epoch
    var scalars = dev.vaelab.core.train.EventFile.scalars(run.resolve(dev.vaelab.lab.run.RunFolder.TENSORBOARD));
    assertThat(TensorBoardRunTest.value(scalars, "representation/probe_accuracy", 1)).isCloseTo(summary.get("probe_accuracy").getAsDouble(),
        org.assertj.core.api.Assertions.within(1e-6)); // TensorBoard stores float32
    assertThat(RunFolderTest.cli("train", "--metrics", "fid", "--out", tmp.resolve("x").toString()).err())
        .contains("vaelab: --metrics must name some of [probe, knn, cluster, fd, kid, pr, mig, dci, sap, factorvae, betavae], got 'fid'");
  }

  @Test
  void unknownMetricsAndMisusedOptionsAreRefusedBeforeAnyWork() {
    assertThat(RunFolderTest.cli("evaluate", "--run", tmp.resolve("none").toString(), "--metrics", "probe,nmi").err())
        .contains("--metrics must name some of [probe, knn, cluster, fd, kid, pr, mig, dci, sap, factorvae, betavae], got 'nmi'");
    assertThat(RunFolderTest.cli("evaluate", "--run", tmp.resolve("none").toString(), "--metrics", "probe", "--features", tmp.toString()).err())
        .contains("--features is for the sample-quality metrics: give --metrics with some of [fd, kid, pr]");
    assertThat(RunFolderTest.cli("evaluate", "--run", tmp.resolve("none").toString(), "--metrics", "fd", "--samples", "3").err())
        .contains("--samples must be >= 4");
  }

  static byte[] uncheckedRead(Path p) {
    try {
      return java.nio.file.Files.readAllBytes(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
