package dev.vaelab.lab.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.NpyFile;
import dev.vaelab.lab.features.RawFeatures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 26: the sample metrics of a run's sets against its test split, with the floor, on sets whose answer is known. */
class SampleScoresTest {
  @TempDir Path tmp;

  static float[] gaussian(int n, int d, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  static float[] npy(Path p) throws IOException {
    NpyFile f = new NpyFile(p);
    try (FileChannel c = f.open()) {
      int n = (int) f.rows();
      float[] out = new float[(int) (n * f.shape().size())];
      f.readRows(c, 0, n, out);
      return out;
    }
  }

  @Test
  void aCopyOfTheTestSetScoresZeroAndAShiftScoresItsSquaredLength() throws Exception {
    int n = 300;
    int d = 3;
    float[] test = gaussian(n, d, 1);
    float[] shifted = test.clone();
    for (int i = 0; i < n; i++) {
      shifted[i * d] += 30f;
      shifted[i * d + 1] -= 40f; // a shift of length 50: the same covariance, so FD = ‖δ‖² = 2,500
    }
    Dataset train = new Dataset("train", gaussian(500, d, 2), d, null);
    Dataset testSet = new Dataset("test", test, d, null);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Map<String, Object> m = SampleScores.compute(new RawFeatures(d), train, testSet,
        List.of(new SampleSet("copy", test.clone(), n), new SampleSet("shifted", shifted, n)), List.of("fd", "kid", "pr"), n, 0, tmp.resolve("dump"),
        new PrintStream(log, true));
    assertThat((Double) m.get("fd_copy")).isCloseTo(0, within(1e-9));
    assertThat((Double) m.get("fd_shifted")).isCloseTo(2500, within(1e-2)); // float32 rounding of the shifted values
    // every copied point sits on a real point (inside its ball) and vice versa; a shift of 50 σ leaves no point inside
    assertThat(m.get("precision_copy")).isEqualTo(1.0);
    assertThat(m.get("recall_copy")).isEqualTo(1.0);
    assertThat(m.get("precision_shifted")).isEqualTo(0.0);
    assertThat(m.get("recall_shifted")).isEqualTo(0.0);
    // unbiased MMD² of a set with itself, on the one subset there is (300 ≤ 1,000 rows): with S the sum of k over all pairs and T over
    // the diagonal, 2(S − T)/(m(m − 1)) − 2S/m², from the definition k(x, y) = (xᵀy/d + 1)³
    double s = 0;
    double t = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double dot = 0;
        for (int k = 0; k < d; k++) {
          dot += (double) test[i * d + k] * test[j * d + k];
        }
        double kij = Math.pow(dot / d + 1, 3);
        s += kij;
        t += i == j ? kij : 0;
      }
    }
    assertThat((Double) m.get("kid_copy")).isCloseTo(2 * (s - t) / ((double) n * (n - 1)) - 2 * s / ((double) n * n), within(1e-9));
    assertThat((Double) m.get("kid_shifted")).isGreaterThan(1);
    // the floor: 300 of the 500 training rows against the test rows, both N(0, I): close, far below the shift
    assertThat((Double) m.get("fd_train")).isLessThan(0.2);
    assertThat(m.get("features")).isEqualTo("raw");
    assertThat(m.get("sample_metric_real")).isEqualTo(n);
    assertThat(log.toString()).contains("train (floor)").contains("shifted");
    // the dump holds the features of each set, as computed
    assertThat(npy(tmp.resolve("dump/real.npy"))).containsExactly(test);
    assertThat(npy(tmp.resolve("dump/shifted.npy"))).containsExactly(shifted);
    assertThat(tmp.resolve("dump/train.npy")).exists();
  }

  @Test
  void aTestSetLargerThanTheSampleCountIsSubsampledWithTheSeed() {
    int d = 2;
    Dataset test = new Dataset("test", gaussian(1000, d, 5), d, null);
    Dataset train = new Dataset("train", gaussian(1000, d, 6), d, null);
    var quiet = new PrintStream(new ByteArrayOutputStream());
    Map<String, Object> a = SampleScores.compute(new RawFeatures(d), train, test, List.of(), List.of("fd"), 200, 3, null, quiet);
    Map<String, Object> b = SampleScores.compute(new RawFeatures(d), train, test, List.of(), List.of("fd"), 200, 3, null, quiet);
    Map<String, Object> c = SampleScores.compute(new RawFeatures(d), train, test, List.of(), List.of("fd"), 200, 4, null, quiet);
    assertThat(a.get("sample_metric_real")).isEqualTo(200);
    assertThat(a.get("fd_train")).isEqualTo(b.get("fd_train")).isNotEqualTo(c.get("fd_train"));
  }
}
