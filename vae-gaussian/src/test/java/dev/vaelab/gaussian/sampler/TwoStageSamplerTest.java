package dev.vaelab.gaussian.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The two-stage sampler draws from the density it fitted: on points with known per-coordinate moments (one coordinate
 * wide, one narrow, one bimodal, one correlated with the first), its samples have the points' means and variances —
 * which the second stage's decoder means alone do not have when it has (partly) collapsed onto its noise.
 */
class TwoStageSamplerTest {
  static final int D = 6;

  static float[] points(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * D];
    for (int i = 0; i < n; i++) {
      double a = 2 * r.nextGaussian();
      x[i * D] = (float) a;
      x[i * D + 1] = (float) (0.5 * r.nextGaussian() + 0.3);
      x[i * D + 2] = (float) ((r.nextBoolean() ? 1.5 : -1.5) + 0.3 * r.nextGaussian());
      x[i * D + 3] = (float) (0.4 * a + 0.6 * r.nextGaussian());
      // two coordinates of plain Gaussian noise, the shape a VAE's posterior means have, on which a second stage without
      // KL warm-up collapses (explains them by its noise γ instead of its code u)
      x[i * D + 4] = (float) (1.2 * r.nextGaussian());
      x[i * D + 5] = (float) (0.9 * r.nextGaussian() - 0.2);
    }
    return x;
  }

  static double[][] moments(float[] x) {
    int n = x.length / D;
    double[][] m = new double[2][D];
    for (int j = 0; j < D; j++) {
      double s = 0;
      double s2 = 0;
      for (int i = 0; i < n; i++) {
        s += x[i * D + j];
        s2 += x[i * D + j] * (double) x[i * D + j];
      }
      m[0][j] = s / n;
      m[1][j] = s2 / n - m[0][j] * m[0][j];
    }
    return m;
  }

  @Test
  void samplesHaveTheMeansAndVariancesOfTheFittedPointsAndRepeatWithTheirSeed() {
    float[] x = points(4000, 1);
    TwoStageSampler ts = TwoStageSampler.fit(x, D, 3);
    float[] z = ts.sample(8000, 5);
    double[][] data = moments(x);
    double[][] got = moments(z);
    for (int j = 0; j < D; j++) {
      double sd = Math.sqrt(data[1][j]);
      assertThat(got[0][j]).as("mean of coordinate %d", j).isCloseTo(data[0][j], within(0.15 * sd));
      assertThat(got[1][j] / data[1][j]).as("variance ratio of coordinate %d (data %.3f)", j, data[1][j]).isCloseTo(1.0, within(0.25));
    }
    assertThat(ts.sample(10, 5)).isEqualTo(java.util.Arrays.copyOf(ts.sample(10, 5), 10 * D));
    assertThatThrownBy(() -> TwoStageSampler.fit(new float[7], 2, 0)).hasMessageContaining("7 values for d = 2");
  }
}
