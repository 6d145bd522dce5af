package dev.vaelab.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.testing.TinyModels;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainerConfig;
import dev.vaelab.core.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
  @TempDir Path tmp;

  static Dataset randomBinary(int n, int d, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat() < (i % d) / (float) d ? 1f : 0f;
    }
    return new Dataset("random", v, d, null);
  }

  @Test
  void restoreInAFreshGraphGivesIdenticalOutputs() {
    Dataset data = randomBinary(64, 12, 1);
    float[] rows = new float[8 * 12];
    data.copyRange(0, 8, rows);
    Path dir = tmp.resolve("ckpt");
    float[] trainedMean;
    float[] trainedDecode;
    float[] z = new float[8 * 3];
    for (int i = 0; i < z.length; i++) {
      z[i] = (i % 5) * 0.3f - 0.6f;
    }
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(12, 16, 3), Elbo.standard(), 1)) {
      new Trainer(g, new TrainerConfig(1e-2, 16, 1, false), dir).fit(data, null, 2, List.of());
      trainedMean = g.encodeMean(rows, 8);
      trainedDecode = g.decodeMean(z, 8);
    }
    // a different initialisation seed, so equal outputs can only come from the restore
    try (ModelGraph fresh = ModelGraph.build(TinyModels.mlpVae(12, 16, 3), Elbo.standard(), 99)) {
      assertThat(fresh.encodeMean(rows, 8)).isNotEqualTo(trainedMean);
      Path restored = fresh.restore(dir);
      assertThat(restored.getFileName().toString()).isEqualTo("epoch-000002");
      assertThat(fresh.encodeMean(rows, 8)).isEqualTo(trainedMean);
      assertThat(fresh.decodeMean(z, 8)).isEqualTo(trainedDecode);
    }
  }

  @Test
  void latestPointsToACompleteCheckpointAndOldOnesArePruned() throws Exception {
    Path dir = tmp.resolve("ckpt");
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(4, 4, 2), Elbo.standard(), 1)) {
      for (int e = 1; e <= 4; e++) {
        g.save(dir, e);
      }
      // a save interrupted before its rename leaves only a hidden temporary folder
      Files.createDirectories(dir.resolve(".tmp-epoch-000005-123"));
      assertThat(Checkpoints.latest(dir)).contains(dir.resolve("epoch-000004"));
      try (var s = Files.list(dir)) {
        assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("epoch-")).sorted().toList())
            .containsExactly("epoch-000003", "epoch-000004");
      }
      assertThat(Checkpoints.epochOf(Checkpoints.latest(dir).orElseThrow())).isEqualTo(4);
    }
  }

  @Test
  void aPointerToAMissingCheckpointIsReportedClearly() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("broken"));
    Files.writeString(dir.resolve(Checkpoints.LATEST), "epoch-000009\n");
    assertThatThrownBy(() -> Checkpoints.latest(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("epoch-000009")
        .hasMessageContaining("not a complete checkpoint");
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(4, 4, 2), Elbo.standard(), 1)) {
      assertThatThrownBy(() -> g.restore(tmp.resolve("nothing-here")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no checkpoint found");
    }
  }
}
