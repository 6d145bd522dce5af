package dev.vaelab.core.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.testing.GraphRunner;
import org.junit.jupiter.api.Test;

/** Gumbel-softmax: the τ → 0 limit and the Concrete density. */
class RelaxedOneHotCategoricalTest {
  @Test
  void asTemperatureGoesToZeroTheArgmaxFrequenciesAreTheSoftmax() {
    int n = 20000;
    float[] logits = {0.5f, -1.0f, 1.5f, 0.0f};
    float[] y = GraphRunner.run(tf -> new RelaxedOneHotCategorical(tf.constant(logits), tf.constant(0.05f))
        .sample(tf, tf.constant(new int[] {n, 4}), new Seed(11, 2)));
    CategoricalTest.assertFrequencies(y, n, CategoricalTest.logSoftmax(logits));
    // and at small τ the samples are nearly one-hot; every sample lies on the simplex
    double maxMean = 0;
    for (int i = 0; i < n; i++) {
      double sum = 0;
      double max = 0;
      for (int j = 0; j < 4; j++) {
        sum += y[i * 4 + j];
        max = Math.max(max, y[i * 4 + j]);
      }
      assertThat(sum).isCloseTo(1, within(1e-5));
      maxMean += max / n;
    }
    assertThat(maxMean).isGreaterThan(0.95);
  }

  @Test
  void theConcreteDensityIntegratesToOneAndMatchesTheFormula() {
    // K = 2: y = (t, 1 − t); the density of t on (0, 1) must integrate to 1
    float tau = 1.5f;
    float[] logits = {0.7f, -0.4f};
    int m = 20000;
    float[][] points = new float[m][2];
    for (int i = 0; i < m; i++) {
      float t = (i + 0.5f) / m;
      points[i] = new float[] {t, 1 - t};
    }
    float[] lp = GraphRunner.run(tf -> new RelaxedOneHotCategorical(tf.constant(logits), tf.constant(tau)).logProb(tf, tf.constant(points)));
    double integral = 0;
    for (float v : lp) {
      integral += Math.exp(v) / m;
    }
    assertThat(integral).isCloseTo(1, within(2e-3));
    // one point against the formula in plain Java: (K−1)! τ^(K−1) Π α_k y_k^(−τ−1) / (Σ α_k y_k^(−τ))^K
    double t = points[4321][0];
    double a0 = Math.exp(logits[0]);
    double a1 = Math.exp(logits[1]);
    double num = tau * a0 * Math.pow(t, -tau - 1) * a1 * Math.pow(1 - t, -tau - 1);
    double den = Math.pow(a0 * Math.pow(t, -tau) + a1 * Math.pow(1 - t, -tau), 2);
    assertThat((double) lp[4321]).isCloseTo(Math.log(num / den), within(1e-4));
  }
}
