package dev.vaelab.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.objective.GumbelSoftmaxElbo;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The categorical VAE's exact ELBO: enumerated, and estimated from the Gumbel-max sample of the relaxed objective. */
class CategoricalVaeTest {
  static final CategoricalVae SPEC = new CategoricalVae(8, new long[] {6}, 2, 3);

  static float[] binaryRows(int n, long seed) {
    Random r = new Random(seed);
    float[] y = new float[n * 8];
    for (int i = 0; i < y.length; i++) {
      y[i] = r.nextBoolean() ? 1f : 0f;
    }
    return y;
  }

  /**
   * With the same weights, the relaxed objective's reported bound (rate analytic, distortion at the
   * Gumbel-max sample) averaged over many draws equals the ELBO enumerated over the 3² values of z;
   * the relaxed bound itself is a different number (the relaxation's bias).
   */
  @Test
  void theRelaxedObjectiveReportsTheExactElboInExpectation() {
    int n = 5;
    float[] y = binaryRows(n, 1);
    try (ModelGraph exact = ModelGraph.build(SPEC, Elbo.standard(), 7);
        ModelGraph relaxed = ModelGraph.build(SPEC, new GumbelSoftmaxElbo(1.0, 0, 1.0, false, 1.0), 7)) {
      float[][] e = exact.lossTerms(y, n);
      float[][] again = exact.lossTerms(y, n);
      assertThat(again[2]).as("the enumerated ELBO draws nothing").isEqualTo(e[2]);
      int draws = 3000;
      double[] mean = new double[n];
      double[] sq = new double[n];
      for (int d = 1; d <= draws; d++) {
        float[][] t = relaxed.lossTerms(y, n, d);
        for (int i = 0; i < n; i++) {
          assertThat(t[0][i]).as("the rate is analytic, the same as the enumerated one").isCloseTo(e[0][i], within(1e-5f));
          mean[i] += t[2][i] / draws;
          sq[i] += (double) t[2][i] * t[2][i] / draws;
        }
      }
      for (int i = 0; i < n; i++) {
        double se = Math.sqrt((sq[i] - mean[i] * mean[i]) / draws);
        assertThat(mean[i]).as("example %d (SE %.4f)", i, se).isCloseTo(e[2][i], within(4 * se + 1e-4));
      }
    }
  }

  @Test
  void theTemperatureScheduleIsAnnealedExponentiallyDownToItsFloor() {
    GumbelSoftmaxElbo o = GumbelSoftmaxElbo.standard();
    assertThat(o.temperatureAt(0)).isEqualTo(1.0);
    assertThat(o.temperatureAt(10000)).isCloseTo(Math.exp(-0.3), within(1e-12));
    assertThat(o.temperatureAt(100000)).isEqualTo(0.5); // exp(−3) < 0.5
  }
}
