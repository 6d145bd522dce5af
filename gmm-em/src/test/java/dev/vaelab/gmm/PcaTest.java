package dev.vaelab.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PcaTest {
  @Test
  void recoversTheAxesOfAnElongatedGaussian() {
    // y = a u + b v + noise, with u, v orthonormal and Var(a) = 9, Var(b) = 1
    double[] u = {0.6, 0.8, 0};
    double[] v = {0, 0, 1};
    Random r = new Random(1);
    int n = 20_000;
    float[] y = new float[n * 3];
    for (int i = 0; i < n; i++) {
      double a = 3 * r.nextGaussian();
      double b = r.nextGaussian();
      for (int j = 0; j < 3; j++) {
        y[i * 3 + j] = (float) (5 + a * u[j] + b * v[j] + 0.01 * r.nextGaussian());
      }
    }
    Pca p = Pca.fit(y, n, 3, 2);
    assertThat(p.explainedVariance()[0]).isCloseTo(9, within(0.3));
    assertThat(p.explainedVariance()[1]).isCloseTo(1, within(0.05));
    for (int j = 0; j < 3; j++) {
      assertThat(p.components()[0][j]).isCloseTo(u[j], within(0.01));
      assertThat(p.components()[1][j]).isCloseTo(v[j], within(0.01));
      assertThat(p.mean()[j]).isCloseTo(5, within(0.1));
    }
    double[][] z = p.transform(y, 1);
    double expected = 0;
    for (int j = 0; j < 3; j++) {
      expected += (y[j] - p.mean()[j]) * p.components()[0][j];
    }
    assertThat(z[0][0]).isCloseTo(expected, within(1e-9));
    assertThat(p.explainedVarianceRatio()).isGreaterThan(0.99);
  }
}
