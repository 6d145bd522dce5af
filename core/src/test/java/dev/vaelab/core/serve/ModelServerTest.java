package dev.vaelab.core.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.FashionMnist;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.testing.TinyModels;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ModelServerTest {
  static Dataset data() {
    return FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN).head(600).binarized(0.5);
  }

  @Test
  void answersWhatTheGraphAnswersForOneRowAndForABatch() {
    Dataset data = data();
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 32, 4), Elbo.standard(), 1)) {
      new Trainer(g, new TrainerConfig(1e-3, 64, 1, false), null).fit(data, null, 1, List.of());
      float[] batch = new float[100 * 784];
      data.copyRange(0, 100, batch);
      float[] expected = g.encodeMean(batch, 100);
      float[] z = java.util.Arrays.copyOf(expected, 4 * 40);
      float[] expectedDecoded = g.decodeMean(z, 40);
      try (ModelServer server = ModelServer.of(g)) {
        float[] all = server.encode(batch, 100); // the throughput session
        for (int i = 0; i < 100; i++) {
          assertThat(all[i * 4]).isCloseTo(expected[i * 4], org.assertj.core.api.Assertions.within(1e-5f));
        }
        for (int i = 0; i < 5; i++) { // one row at a time: the latency session
          float[] one = server.encode(data.row(i), 1);
          for (int j = 0; j < 4; j++) {
            assertThat(one[j]).isCloseTo(expected[i * 4 + j], org.assertj.core.api.Assertions.within(1e-5f));
          }
        }
        float[] decoded = server.decode(z, 40);
        for (int i = 0; i < decoded.length; i++) {
          assertThat(decoded[i]).isCloseTo(expectedDecoded[i], org.assertj.core.api.Assertions.within(1e-5f));
        }
        // the score is the per-example ELBO, ≤ 0 for binary data (−ELBO ≥ −ln p(y) ≥ 0)
        for (float s : server.score(batch, 100)) {
          assertThat(s).isNegative();
        }
      }
    }
  }

  @Test
  void keepsItsSnapshotWhileTheGraphTrainsOnAndIsSafeForConcurrentCallers() throws Exception {
    Dataset data = data();
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 32, 4), Elbo.standard(), 2)) {
      Trainer trainer = new Trainer(g, new TrainerConfig(1e-3, 64, 2, false), null);
      trainer.fit(data, null, 1, List.of());
      float[] row = data.row(7);
      float[] before = g.encodeMean(row, 1);
      try (ModelServer server = ModelServer.of(g)) {
        trainer.fit(data, null, 1, List.of());
        assertThat(g.encodeMean(row, 1)).isNotEqualTo(before);
        assertThat(server.encode(row, 1)).containsExactly(before);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
          List<Future<float[]>> answers = new ArrayList<>();
          for (int t = 0; t < 400; t++) {
            answers.add(pool.submit(() -> server.encode(row, 1)));
          }
          for (Future<float[]> f : answers) {
            assertThat(f.get()).containsExactly(before);
          }
        } finally {
          pool.shutdown();
        }
        server.refresh();
        assertThat(server.encode(row, 1)).containsExactly(g.encodeMean(row, 1));
      }
    }
  }

  @Test
  void refusesRowsOfTheWrongSizeAndCallsAfterClose() {
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 32, 4), Elbo.standard(), 3)) {
      ModelServer server = ModelServer.of(g);
      assertThatThrownBy(() -> server.encode(new float[700], 1)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("784").hasMessageContaining("700");
      assertThatThrownBy(() -> server.encode(new float[784], 0)).hasMessageContaining("got 0");
      server.close();
      assertThatThrownBy(() -> server.encode(new float[784], 1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
  }
}
