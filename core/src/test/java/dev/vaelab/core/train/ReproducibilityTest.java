package dev.vaelab.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.FashionMnist;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.testing.TinyModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Determinism, resume and concurrent inference. */
class ReproducibilityTest {
  @TempDir Path tmp;

  static Dataset train() {
    return FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN).head(640).binarized(0.5);
  }

  static Dataset test() {
    return FashionMnist.loadEmbedded(FashionMnist.Split.TEST).head(200).binarized(0.5);
  }

  static TrainerConfig config() {
    return new TrainerConfig(1e-3, 64, 11, true); // dynamic binarisation too: its draws must also resume
  }

  static float[] probe(ModelGraph g) {
    Dataset t = test();
    float[] rows = new float[20 * 784];
    t.copyRange(0, 20, rows);
    return g.encodeMean(rows, 20);
  }

  @Test
  void theSameSeedGivesTheSameRunBitForBit() {
    List<EpochMetrics> a;
    List<EpochMetrics> b;
    float[] pa;
    float[] pb;
    try (ModelGraph g = ModelGraph.buildDeterministic(TinyModels.mlpVae(784, 64, 4), Elbo.standard(), 11)) {
      a = new Trainer(g, config(), null).fit(FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN).head(640), test(), 2, List.of()).epochs();
      pa = probe(g);
    }
    try (ModelGraph g = ModelGraph.buildDeterministic(TinyModels.mlpVae(784, 64, 4), Elbo.standard(), 11)) {
      b = new Trainer(g, config(), null).fit(FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN).head(640), test(), 2, List.of()).epochs();
      pb = probe(g);
    }
    assertThat(pb).isEqualTo(pa);
    for (int e = 0; e < 2; e++) {
      assertThat(b.get(e).trainLoss()).isEqualTo(a.get(e).trainLoss());
      assertThat(b.get(e).testElbo()).isEqualTo(a.get(e).testElbo());
    }
  }

  @Test
  void anInterruptedRunResumedFromItsCheckpointEndsBitIdentical() {
    Dataset grey = FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN).head(640);
    EpochMetrics uninterrupted;
    float[] expected;
    try (ModelGraph g = ModelGraph.buildDeterministic(TinyModels.mlpVae(784, 64, 4), Elbo.standard().withWarmupSteps(25), 11)) {
      uninterrupted = new Trainer(g, config(), tmp.resolve("a")).fit(grey, test(), 3, List.of()).last();
      expected = probe(g);
    }
    try (ModelGraph g = ModelGraph.buildDeterministic(TinyModels.mlpVae(784, 64, 4), Elbo.standard().withWarmupSteps(25), 11)) {
      new Trainer(g, config(), tmp.resolve("b")).fit(grey, test(), 1, List.of()); // "killed" after epoch 1
    }
    try (ModelGraph g = ModelGraph.buildDeterministic(TinyModels.mlpVae(784, 64, 4), Elbo.standard().withWarmupSteps(25), 11)) {
      Trainer t = new Trainer(g, config(), tmp.resolve("b"));
      assertThat(t.resume()).isEqualTo(1);
      EpochMetrics resumed = t.fit(grey, test(), 2, List.of()).last();
      assertThat(resumed.epoch()).isEqualTo(3);
      assertThat(probe(g)).isEqualTo(expected);
      assertThat(resumed.trainLoss()).isEqualTo(uninterrupted.trainLoss());
      assertThat(resumed.testElbo()).isEqualTo(uninterrupted.testElbo());
      assertThat(resumed.steps()).isEqualTo(uninterrupted.steps());
    }
  }

  @Test
  void severalThreadsCanUseOneTrainedModel() throws Exception {
    // single-threaded kernels: exact equality between threads must not depend on summation order
    try (ModelGraph g = ModelGraph.buildDeterministic(TinyModels.mlpVae(784, 64, 4), Elbo.standard(), 3)) {
      new Trainer(g, TrainerConfig.defaults(), null).fit(train(), null, 1, List.of());
      float[] expected = probe(g);
      float[] z = new float[8 * 4];
      for (int i = 0; i < z.length; i++) {
        z[i] = (i % 7) * 0.2f - 0.6f;
      }
      float[] expectedDecode = g.decodeMean(z, 8);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Boolean>> jobs = new ArrayList<>();
      for (int th = 0; th < 4; th++) {
        jobs.add(pool.submit(() -> {
          for (int i = 0; i < 100; i++) {
            if (!java.util.Arrays.equals(probe(g), expected) || !java.util.Arrays.equals(g.decodeMean(z, 8), expectedDecode)) {
              return false;
            }
            float[] s = g.sample(4);
            for (float v : s) {
              if (!(v >= 0 && v <= 1)) {
                return false;
              }
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> f : jobs) {
        assertThat(f.get()).isTrue();
      }
      pool.shutdown();
    }
  }
}
