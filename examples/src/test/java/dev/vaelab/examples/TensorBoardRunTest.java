package dev.vaelab.examples;

import dev.vaelab.lab.Lab;
import dev.vaelab.lab.graph.GraphFamily;
import dev.vaelab.lab.run.TrainingSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.train.EpochMetrics;
import dev.vaelab.core.train.EventFile;
import dev.vaelab.core.train.MetricsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every run writes TensorBoard event files whose scalars are the numbers of metrics.csv (and trace.csv for the mixture). */
class TensorBoardRunTest {
  @TempDir Path tmp;

  @Test
  void aRunsEventFileHoldsEveryEpochOfMetricsCsvAndItsImages() throws Exception {
    Path run = tmp.resolve("run");
    Lab.train(TrainRunTest.tiny().withTraining(TrainingSettings.defaults().with("epochs", 3).with("nllK", 0).with("nllExamples", 0)), run, false, TrainRunTest.QUIET);
    List<EpochMetrics> rows = MetricsFiles.read(run);
    assertThat(rows).hasSize(3);
    List<EventFile.Scalar> s = EventFile.scalars(run.resolve(dev.vaelab.lab.run.RunFolder.TENSORBOARD));
    for (EpochMetrics m : rows) { // metrics.csv rounds to 6 decimals; the event file holds the float
      assertThat(value(s, "test/elbo", m.epoch())).isCloseTo(m.testElbo(), within(1e-5 * Math.abs(m.testElbo())));
      assertThat(value(s, "train/elbo", m.epoch())).isCloseTo(m.trainElbo(), within(1e-5 * Math.abs(m.trainElbo())));
      assertThat(value(s, "test/rate", m.epoch())).isCloseTo(m.testRate(), within(1e-5 * Math.abs(m.testRate())));
      assertThat(value(s, "test/distortion", m.epoch())).isCloseTo(m.testDistortion(), within(1e-5 * Math.abs(m.testDistortion())));
      assertThat(value(s, "test/bound", m.epoch())).isCloseTo(m.testBound(), within(1e-5 * Math.abs(m.testBound())));
      assertThat(value(s, "train/skipped_batches", m.epoch())).isEqualTo(m.skippedBatches());
    }
    var images = EventFile.read(EventFile.files(run.resolve(dev.vaelab.lab.run.RunFolder.TENSORBOARD)).get(0)).stream()
        .flatMap(e -> e.getSummary().getValueList().stream()).filter(v -> v.hasImage()).map(v -> v.getTag()).toList();
    assertThat(images).anyMatch(t -> t.startsWith("samples")).anyMatch(t -> t.startsWith("reconstructions"));
    // and every epoch's samples and reconstructions
    var perEpoch = EventFile.read(EventFile.files(run.resolve(dev.vaelab.lab.run.RunFolder.TENSORBOARD)).get(0)).stream()
        .filter(e -> e.getSummary().getValueList().stream().anyMatch(v -> v.hasImage() && v.getTag().startsWith("epoch/samples")))
        .map(e -> e.getStep()).toList();
    assertThat(perEpoch).containsExactly(1L, 2L, 3L);
  }

  /** The one value of {@code tag} at {@code step}. */
  static double value(List<EventFile.Scalar> s, String tag, long step) {
    List<EventFile.Scalar> hits = s.stream().filter(x -> x.tag().equals(tag) && x.step() == step).toList();
    assertThat(hits).as(tag + " at " + step).hasSize(1);
    return hits.get(0).value();
  }

  @Test
  void aMixtureRunsEventFileHoldsItsEmTrace() throws Exception {
    Path csv = tmp.resolve("p.csv");
    StringBuilder b = new StringBuilder();
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < 200; i++) {
      b.append(r.nextGaussian() + (i % 2) * 5).append(',').append(r.nextGaussian()).append('\n');
    }
    Files.writeString(csv, b);
    Path run = tmp.resolve("gmm");
    assertThat(RunFolderTest.cli("train", "--model", "gmm", "--data", csv.toString(), "--components", "2", "--out", run.toString()).code()).isZero();
    List<String> trace = Files.readAllLines(run.resolve("trace.csv"));
    List<EventFile.Scalar> s = EventFile.scalars(run.resolve(dev.vaelab.lab.run.RunFolder.TENSORBOARD));
    for (String line : trace.subList(1, trace.size())) {
      String[] c = line.split(",");
      double ll = Double.parseDouble(c[1]);
      assertThat(value(s, "em/log_likelihood", Long.parseLong(c[0]))).isCloseTo(ll, within(1e-6 * Math.max(1, Math.abs(ll))));
    }
  }
}
