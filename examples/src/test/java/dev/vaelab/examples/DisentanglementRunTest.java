package dev.vaelab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaelab.core.data.DSprites;
import dev.vaelab.core.data.Dataset;
import dev.vaelab.lab.Lab;
import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.score.Encoding;
import dev.vaelab.lab.score.RowEncoder;
import dev.vaelab.lab.stage.DisentanglementScores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 27, in part: dSprites as a run's data, and the disentanglement metrics of a run through evaluate. */
class DisentanglementRunTest {
  @TempDir Path tmp;

  @Test
  void theReducedGridIsSplitWithoutOverlapAndLabelledByShapeAndThePublishedGridIsStreamed() {
    DataSource.Splits s = DataSource.load(DataSettings.defaults().withData("dsprites-small"), false, "test");
    DSprites.Grid g = DSprites.SMALL;
    assertThat(s.train().size() + s.test().size()).isEqualTo(g.count());
    assertThat(s.shape()).isEqualTo(g.shape());
    // dSprites repeats images (a square turned by a quarter is the square): compare the splits' multiset of (image, label) with the
    // grid's, rendered here directly
    Map<String, Integer> grid = new java.util.HashMap<>();
    float[] one = new float[g.dimension()];
    for (int i = 0; i < g.count(); i++) {
      int[] f = g.factors(i);
      g.render(f, one, 0);
      grid.merge(java.util.Arrays.toString(one) + f[0], 1, Integer::sum);
    }
    Map<String, Integer> splits = new java.util.HashMap<>();
    int[] perShape = new int[3];
    for (Dataset d : List.of(s.train(), s.test())) {
      for (int i = 0; i < d.size(); i++) {
        splits.merge(java.util.Arrays.toString(d.row(i)) + d.label(i), 1, Integer::sum);
        perShape[d.label(i)]++;
      }
    }
    assertThat(splits).isEqualTo(grid);
    assertThat(perShape).containsExactly(g.count() / 3, g.count() / 3, g.count() / 3);
    // the published grid: 737,280 images streamed, rendered as the trainer draws them
    DataSource.Splits full = DataSource.load(new DataSettings("dsprites", 0, 1000, 100), true, "test");
    assertThat(full.test().size()).isEqualTo(100);
    assertThat(full.rows().size()).isEqualTo(1000);
    assertThat(full.train().size()).isEqualTo(1000);
    float[] rows = new float[3 * 4096];
    int[] order = {0, 1, 2};
    full.rows().copyRows(order, 0, 3, rows);
    for (int r = 0; r < 3; r++) { // the streamed rows are the in-memory head's rows
      assertThat(java.util.Arrays.copyOfRange(rows, r * 4096, (r + 1) * 4096)).isEqualTo(full.train().row(r));
    }
  }

  @Test
  void aRunOnDspritesIsScoredAndItsEncoderSeesTheImagesTheRunWasTrainedOn() throws Exception {
    Path run = tmp.resolve("ds");
    assertThat(RunFolderTest.cli("train", "--data", "dsprites-small", "--train-limit", "2000", "--test-limit", "200", "--epochs", "1", "--hidden",
        "64", "--latent", "4", "--nll-k", "0", "--out", run.toString()).code()).isZero();
    RunSpec spec = RunSpec.read(run.resolve("config.json"));
    try (RunFolder folder = RunFolder.read(run); RowEncoder enc = spec.family().rowEncoder(spec, folder, 0, TrainRunTest.QUIET)) {
      Encoding e = spec.family().encode(spec, folder, spec.data(), TrainRunTest.QUIET);
      DataSource.Splits data = spec.family().sampleData(spec);
      float[] x = data.test().row(5);
      double[][] z = enc.codes(x, 1);
      for (int j = 0; j < e.width(); j++) {
        // the same image, encoded alone or in a batch of 200: equal up to the matrix product's float32 summation order
        assertThat(z[0][j]).isCloseTo(e.test()[5 * e.width() + j], org.assertj.core.api.Assertions.within(1e-5));
      }
      // at a twentieth of the protocol's points, every metric, each in its range
      Map<String, Object> m = DisentanglementScores.compute(spec, folder, dev.vaelab.metrics.Disentanglement.NAMES, 0.02, 3, TrainRunTest.QUIET);
      for (String k : List.of("mig", "dci_disentanglement", "dci_completeness", "sap", "factorvae_score", "betavae_score")) {
        assertThat((Double) m.get(k)).as(k).isBetween(0.0, 1.0);
      }
      assertThat((Double) m.get("dci_informativeness")).isLessThanOrEqualTo(1.0);
    }
    Map<String, Object> r = Lab.evaluate(run, new ModelFamily.EvaluationRequest(3, 0, 0, "prior", 10, "mig"), TrainRunTest.QUIET).toMap();
    assertThat((Double) r.get("mig")).isBetween(0.0, 1.0);
    assertThat(r.get("disentanglement_observations")).isEqualTo(10_000L);
  }

  @Test
  void dataWithoutFactorsAreRefusedBeforeAnyWork() {
    Path run = tmp.resolve("fm");
    Lab.train(TrainRunTest.tiny().withTraining(TrainRunTest.tiny().training().with("epochs", 1).with("nllK", 0)), run, false, TrainRunTest.QUIET);
    assertThat(RunFolderTest.cli("evaluate", "--run", run.toString(), "--metrics", "mig,dci").err())
        .contains("--metrics mig,dci: the run's data (embedded) have no known generative factors")
        .contains("--data dsprites, dsprites-small");
  }
}
