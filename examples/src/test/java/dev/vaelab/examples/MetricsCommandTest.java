package dev.vaelab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.vaelab.core.data.NpyWriter;
import dev.vaelab.core.io.Json;
import dev.vaelab.metrics.FrechetDistance;
import dev.vaelab.metrics.KernelDistance;
import dev.vaelab.metrics.PrecisionRecall;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 26, in part: {@code vaelab metrics} reads two .npy files of vectors and prints the metrics the library computes on them. */
class MetricsCommandTest {
  @TempDir Path tmp;

  static float[] vectors(int n, int d, double shift, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n * d];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextGaussian() + shift);
    }
    return v;
  }

  @Test
  void theCommandPrintsTheLibrarysNumbersForTwoNpyFiles() {
    float[] a = vectors(300, 4, 0, 1);
    float[] b = vectors(200, 4, 0.5, 2);
    Path real = tmp.resolve("real.npy");
    Path gen = tmp.resolve("gen.npy");
    NpyWriter.writeFloats(real, a, 300, 4);
    NpyWriter.writeFloats(gen, b, 200, 4);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream before = System.out;
    System.setOut(new PrintStream(out, true));
    int code;
    try {
      code = Vaelab.execute(new PrintStream(new ByteArrayOutputStream(), true), "metrics", "--real", real.toString(), "--generated", gen.toString(),
          "--subsets", "5", "--subset-size", "100", "--seed", "3");
    } finally {
      System.setOut(before);
    }
    assertThat(code).isZero();
    JsonObject r = Json.parse(out.toString().trim(), "output").getAsJsonObject();
    double[][] x = dev.vaelab.lab.score.RepresentationScores.rows(a, 4);
    double[][] y = dev.vaelab.lab.score.RepresentationScores.rows(b, 4);
    assertThat(r.get("fd").getAsDouble()).isEqualTo(FrechetDistance.squared(x, y));
    KernelDistance kid = KernelDistance.of(x, y, 5, 100, 3);
    assertThat(r.get("kid_mean").getAsDouble()).isEqualTo(kid.mean());
    assertThat(r.get("kid_sd").getAsDouble()).isEqualTo(kid.sd());
    PrecisionRecall pr = PrecisionRecall.of(x, y, 3);
    assertThat(r.get("precision").getAsDouble()).isEqualTo(pr.precision());
    assertThat(r.get("recall").getAsDouble()).isEqualTo(pr.recall());
    // a shift of 0.5 in each of 4 dimensions: d² ≈ 4 · 0.25 = 1 between the Gaussians
    assertThat(r.get("fd").getAsDouble()).isBetween(0.6, 1.4);
    assertThat(RunFolderTest.cli("metrics", "--real", real.toString(), "--generated", gen.toString(), "--metrics", "fid").err())
        .contains("--metrics must name some of [fd, kid, pr], got 'fid'");
  }
}
