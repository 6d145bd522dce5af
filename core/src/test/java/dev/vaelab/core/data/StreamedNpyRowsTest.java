package dev.vaelab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.testing.TinyModels;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainerConfig;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamedNpyRowsTest {
  @TempDir Path tmp;

  /** n rows of d float32 values in [0, 1], as a .npy file and as the same values in memory. */
  Path write(int n, int d, float[] values) throws Exception {
    Random r = new Random(4);
    for (int i = 0; i < values.length; i++) {
      values[i] = r.nextFloat();
    }
    Path p = tmp.resolve("rows-" + n + ".npy");
    Files.write(p, NpyFileTest.npy("<f4", "(" + n + ", " + d + ")", NpyFileTest.floats(ByteOrder.LITTLE_ENDIAN, values)));
    return p;
  }

  @Test
  void anEpochVisitsEveryRowOnceChunkByChunkAndCopiesTheFilesValues() throws Exception {
    int n = 1000;
    int d = 6;
    float[] v = new float[n * d];
    NpyFile f = new NpyFile(write(n, d, v));
    try (StreamedNpyRows rows = new StreamedNpyRows(f, 900, 64, Double.NaN)) {
      int[] order = rows.order(new Random(1));
      assertThat(order).hasSize(900);
      Set<Integer> seen = new HashSet<>();
      int runs = 0;
      for (int i = 0; i < order.length; i++) {
        assertThat(seen.add(order[i])).isTrue();
        assertThat(order[i]).isBetween(0, 899);
        runs += i == 0 || order[i] / 64 != order[i - 1] / 64 ? 1 : 0;
      }
      assertThat(runs).as("each chunk's rows form one run of the order").isEqualTo((900 + 63) / 64);
      float[] buf = new float[128 * d];
      for (int from = 0; from < order.length; from += 128) {
        int to = Math.min(order.length, from + 128);
        rows.copyRows(order, from, to, buf);
        for (int r = from; r < to; r++) {
          for (int j = 0; j < d; j++) {
            assertThat(buf[(r - from) * d + j]).isEqualTo(v[order[r] * d + j]);
          }
        }
      }
      assertThat(rows.chunkReads()).isEqualTo((900 + 63) / 64); // each chunk read once
    }
    try (StreamedNpyRows bin = new StreamedNpyRows(f, 10, 4, 0.5)) {
      float[] b = new float[d];
      bin.copyRows(new int[] {7}, 0, 1, b);
      for (int j = 0; j < d; j++) {
        assertThat(b[j]).isEqualTo(v[7 * d + j] > 0.5f ? 1f : 0f);
      }
    }
    assertThatThrownBy(() -> new StreamedNpyRows(f, 1001, 64, Double.NaN)).hasMessageContaining("rows must be in 1..1000");
  }

  @Test
  void trainingOnOneStreamedChunkIsTrainingOnTheRowsInMemoryBitForBit() throws Exception {
    int n = 300;
    int d = 784;
    float[] v = new float[n * d];
    Path p = write(n, d, v);
    float[] a;
    float[] b;
    Dataset inMemory = new Dataset("m", v, d, null).binarized(0.5);
    try (ModelGraph g = ModelGraph.buildDeterministic(TinyModels.mlpVae(d, 16, 3), Elbo.standard(), 2)) {
      new Trainer(g, new TrainerConfig(1e-3, 64, 5, false), null).fit(inMemory, null, 2, List.of());
      a = g.encodeMean(java.util.Arrays.copyOf(v, 10 * d), 10);
    }
    // one chunk of all rows: the chunk order has one entry, so the row order is the same permutation
    try (ModelGraph g = ModelGraph.buildDeterministic(TinyModels.mlpVae(d, 16, 3), Elbo.standard(), 2);
        StreamedNpyRows rows = new StreamedNpyRows(new NpyFile(p), n, n, 0.5)) {
      new Trainer(g, new TrainerConfig(1e-3, 64, 5, false), null).fit(rows, null, 2, List.of());
      b = g.encodeMean(java.util.Arrays.copyOf(v, 10 * d), 10);
    }
    assertThat(b).containsExactly(a);
  }
}
