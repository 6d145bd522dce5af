package dev.vaelab.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.FashionMnist;
import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.objective.ElboLoss;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  @TempDir Path tmp;

  static Dataset train() {
    return FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN).head(3000).binarized(0.5);
  }

  static Dataset test() {
    return FashionMnist.loadEmbedded(FashionMnist.Split.TEST).head(500).binarized(0.5);
  }

  @Test
  void trainingOnFashionMnistImprovesTheTestElbo() {
    Dataset train = train();
    Dataset test = test();
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 128, 8), Elbo.standard(), 3)) {
      Trainer trainer = new Trainer(g, new TrainerConfig(1e-3, 64, 3, false), null);
      EvaluationResult before = Evaluator.evaluate(g, test, 250);
      List<EpochMetrics> seen = new ArrayList<>();
      TrainingHistory h = trainer.fit(train, test, 4, List.of(new TrainingListener() {
        @Override
        public void onEpochEnd(EpochMetrics m) {
          seen.add(m);
        }
      }));
      assertThat(seen).hasSize(4);
      assertThat(h.epochs()).hasSize(4);
      // an untrained Bernoulli decoder is near 784 ln 2 ≈ 543 nats; training must get far below
      assertThat(before.elbo()).isLessThan(-400);
      assertThat(h.last().testElbo()).isGreaterThan(h.epochs().get(0).testElbo() + 5);
      assertThat(h.last().testElbo()).isGreaterThan(-260);
      assertThat(h.last().trainElbo()).isGreaterThan(h.epochs().get(0).trainElbo());
      assertThat(trainer.stepsDone()).isEqualTo(4L * ((3000 + 63) / 64));
      // the training rate is the analytic KL of a 8-dimensional Gaussian posterior: positive and finite
      assertThat(h.last().trainRate()).isPositive();
    }
  }

  @Test
  void aNonFiniteLossStopsTrainingNamingTheStepAndTerm() {
    Objective broken =
        new Objective() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public ElboLoss build(org.tensorflow.op.Ops tf, dev.vaelab.core.model.LatentVariableModel model,
              org.tensorflow.Operand<org.tensorflow.types.TFloat32> y, dev.vaelab.core.objective.ObjectiveContext ctx) {
            ElboLoss l = Elbo.standard().build(tf, model, y, ctx);
            // log of a negative number: NaN from the first step on
            var nan = tf.math.log(tf.constant(-1f));
            return new ElboLoss(tf.math.add(l.total(), nan), l.rate(), l.distortion(), l.bound(), l.rateWeight());
          }
        };
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 16, 2), broken, 1)) {
      Trainer trainer = new Trainer(g, new TrainerConfig(1e-3, 100, 1, false), null);
      assertThatThrownBy(() -> trainer.fit(train().head(300), null, 1, List.of()))
          .isInstanceOf(TrainingDivergedException.class)
          .hasMessageContaining("step 1")
          .hasMessageContaining("total loss = NaN")
          .hasMessageContaining("last good checkpoint: none");
    }
  }

  @Test
  void nonFiniteBatchesCanBeSkippedWithoutPoisoningTheModel() {
    // the loss is NaN exactly for the last, partial batch (4 examples): ln(n − 4.5)
    Objective nanOnSmallBatches =
        new Objective() {
          @Override
          public String name() {
            return "nan-on-small-batches";
          }

          @Override
          public ElboLoss build(org.tensorflow.op.Ops tf, dev.vaelab.core.model.LatentVariableModel model,
              org.tensorflow.Operand<org.tensorflow.types.TFloat32> y, dev.vaelab.core.objective.ObjectiveContext ctx) {
            ElboLoss l = Elbo.standard().build(tf, model, y, ctx);
            var n = tf.dtypes.cast(tf.shape(y), org.tensorflow.types.TFloat32.class);
            var batch = tf.reshape(tf.slice(n, tf.constant(new int[] {0}), tf.constant(new int[] {1})), tf.constant(new int[] {}));
            var bad = tf.math.log(tf.math.sub(batch, tf.constant(4.5f)));
            return new ElboLoss(tf.math.add(l.total(), bad), l.rate(), l.distortion(), l.bound(), l.rateWeight());
          }
        };
    Dataset data = train().head(132); // batches of 64, 64 and 4
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 16, 2), nanOnSmallBatches, 1)) {
      Trainer stop = new Trainer(g, new TrainerConfig(1e-3, 64, 1, false, false), null);
      assertThatThrownBy(() -> stop.fit(data, null, 1, List.of()))
          .isInstanceOf(TrainingDivergedException.class)
          .hasMessageContaining("step 3");
    }
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 16, 2), nanOnSmallBatches, 1)) {
      Trainer skip = new Trainer(g, new TrainerConfig(1e-3, 64, 1, false, true), null);
      java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
      java.nio.file.Path runDir = tmp.resolve("skip-run");
      TrainingHistory h = skip.fit(data, null, 3, List.of(
          new ProgressBar(new java.io.PrintStream(console, true), 3, false, true), new MetricsFiles(runDir)));
      assertThat(skip.skippedBatches()).isEqualTo(3);
      // one skipped batch per epoch: in the epoch's metrics, in metrics.csv and on the epoch line
      for (EpochMetrics m : h.epochs()) {
        assertThat(m.skippedBatches()).isEqualTo(1);
      }
      List<EpochMetrics> fromFile = MetricsFiles.read(runDir);
      assertThat(fromFile).extracting(EpochMetrics::skippedBatches).containsExactly(1L, 1L, 1L);
      assertThat(console.toString()).contains("epoch 3/3").contains("1 non-finite batch skipped");
      assertThat(Double.isFinite(h.last().trainElbo())).isTrue();
      float[] rows = new float[4 * 784];
      data.copyRange(0, 4, rows);
      for (float v : g.encodeMean(rows, 4)) {
        assertThat(Float.isFinite(v)).isTrue();
      }
    }
  }

  @Test
  void bernoulliModelsRejectDataOutsideTheUnitInterval() {
    Dataset grey = new Dataset("scaled", new float[] {0f, 2f, 0.5f, 0.1f}, 2, null);
    try (ModelGraph g = ModelGraph.build(dev.vaelab.core.testing.TinyModels.bernoulliChecked(2), Elbo.standard(), 1)) {
      Trainer t = new Trainer(g, TrainerConfig.defaults(), null);
      assertThatThrownBy(() -> t.fit(grey, null, 1, List.of()))
          .hasMessageContaining("needs values in [0, 1]")
          .hasMessageContaining("2.0 at example 0, feature 1");
    }
  }

  @Test
  void resumeContinuesFromTheLastCheckpointWithItsStepCounter() throws Exception {
    Dataset data = train().head(500);
    Path ckpt = tmp.resolve("ckpt");
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 32, 4), Elbo.standard(), 5)) {
      new Trainer(g, new TrainerConfig(1e-3, 100, 5, false), ckpt).fit(data, null, 2, List.of());
    }
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 32, 4), Elbo.standard(), 5)) {
      Trainer t = new Trainer(g, new TrainerConfig(1e-3, 100, 5, false), ckpt);
      assertThat(t.resume()).isEqualTo(2);
      assertThat(t.stepsDone()).isEqualTo(10);
      TrainingHistory h = t.fit(data, null, 1, List.of());
      assertThat(h.last().epoch()).isEqualTo(3);
      assertThat(h.last().steps()).isEqualTo(15);
      assertThat(Files.isDirectory(ckpt.resolve("epoch-000003"))).isTrue();
    }
  }

  @Test
  void metricsFilesHoldOneRowPerEpoch() throws Exception {
    MetricsFiles files = new MetricsFiles(tmp);
    files.onEpochEnd(new EpochMetrics(1, 10, 200, -200, 10, 190, -201, 11, 190, -201, 0.5));
    files.onEpochEnd(new EpochMetrics(2, 20, 150, -150, 12, 138, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.4));
    List<String> lines = Files.readAllLines(tmp.resolve("metrics.csv"));
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(String.join(",", EpochMetrics.COLUMNS));
    assertThat(lines.get(2)).startsWith("2,20,150.000000,-150.000000,12.000000,138.000000,NaN");
    assertThat(Files.readString(tmp.resolve("metrics.json"))).contains("\"test_elbo\": null");
  }

  @Test
  void invalidConfigurationIsRejectedByName() {
    assertThatThrownBy(() -> new TrainerConfig(0, 10, 0, false)).hasMessageContaining("learning rate");
    assertThatThrownBy(() -> new TrainerConfig(1e-3, 0, 0, false)).hasMessageContaining("batch size must be >= 1, got 0");
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(10, 4, 2), Elbo.standard(), 1)) {
      Trainer t = new Trainer(g, TrainerConfig.defaults(), null);
      assertThatThrownBy(() -> t.fit(train().head(10), null, 1, List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expects 10 values per example")
          .hasMessageContaining("784");
    }
  }
}
