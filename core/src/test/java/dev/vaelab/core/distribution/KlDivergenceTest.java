package dev.vaelab.core.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.testing.GraphRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

class KlDivergenceTest {
  // two examples, three latent dimensions
  static final float[][] MU_Q = {{0.3f, -1.2f, 2.0f}, {0f, 0.5f, -0.7f}};
  static final float[][] LV_Q = {{-0.5f, 0.4f, -2.0f}, {0f, 1.1f, -0.3f}};
  static final float[][] MU_P = {{1.0f, 0.2f, -0.5f}, {-0.4f, 0.0f, 0.9f}};
  static final float[][] LV_P = {{0.2f, -0.3f, 0.7f}, {-1.0f, 0.5f, 0.0f}};

  /** KL(N(mq, vq) || N(mp, vp)) for one dimension, from the definition, in double. */
  static double kl1(double mq, double lvq, double mp, double lvp) {
    double vq = Math.exp(lvq);
    double vp = Math.exp(lvp);
    return 0.5 * (Math.log(vp / vq) + (vq + (mq - mp) * (mq - mp)) / vp - 1);
  }

  @Test
  void analyticKlBetweenDiagonalGaussiansMatchesPlainJava() {
    float[] kl =
        GraphRunner.run(
            tf -> KlDivergence.between(
                tf,
                new DiagonalGaussian(tf.constant(MU_Q), tf.constant(LV_Q)),
                new DiagonalGaussian(tf.constant(MU_P), tf.constant(LV_P))));
    for (int b = 0; b < 2; b++) {
      double expected = 0;
      for (int j = 0; j < 3; j++) {
        expected += kl1(MU_Q[b][j], LV_Q[b][j], MU_P[b][j], LV_P[b][j]);
      }
      assertThat((double) kl[b]).isCloseTo(expected, within(1e-5));
    }
  }

  @Test
  void analyticKlToStandardNormalIsSeed003Formula() {
    float[] kl =
        GraphRunner.run(
            tf -> KlDivergence.between(
                tf, new DiagonalGaussian(tf.constant(MU_Q), tf.constant(LV_Q)), new StandardNormal(3)));
    for (int b = 0; b < 2; b++) {
      // −KL = ½ Σ (1 + ln σ² − σ² − μ²)
      double minusKl = 0;
      for (int j = 0; j < 3; j++) {
        minusKl += 0.5 * (1 + LV_Q[b][j] - Math.exp(LV_Q[b][j]) - MU_Q[b][j] * MU_Q[b][j]);
      }
      assertThat((double) kl[b]).isCloseTo(-minusKl, within(1e-5));
      // and it is the general formula with μ_p = 0, σ_p = 1
      double general = 0;
      for (int j = 0; j < 3; j++) {
        general += kl1(MU_Q[b][j], LV_Q[b][j], 0, 0);
      }
      assertThat((double) kl[b]).isCloseTo(general, within(1e-5));
    }
  }

  @Test
  void klOfADistributionWithItselfIsZero() {
    float[] kl =
        GraphRunner.run(
            tf -> KlDivergence.between(
                tf,
                new DiagonalGaussian(tf.constant(MU_Q), tf.constant(LV_Q)),
                new DiagonalGaussian(tf.constant(MU_Q), tf.constant(LV_Q))));
    assertThat(kl[0]).isCloseTo(0f, within(1e-6f));
    assertThat(kl[1]).isCloseTo(0f, within(1e-6f));
  }

  @Test
  void monteCarloKlIsWithinFourStandardErrorsOfAnalytic() {
    int n = 200_000;
    float[] mu = {0.3f, -1.2f, 2.0f};
    float[] lv = {-0.5f, 0.4f, -2.0f};
    List<float[]> out =
        GraphRunner.runAll(
            tf -> {
              DiagonalGaussian q = new DiagonalGaussian(tf.constant(mu), tf.constant(lv));
              DiagonalGaussian p = new DiagonalGaussian(tf.constant(MU_P[0]), tf.constant(LV_P[0]));
              var z = q.sample(tf, tf.constant(new int[] {n, 3}), new Seed(42, 1));
              return List.of(KlDivergence.monteCarlo(tf, q, p, z), KlDivergence.between(tf, q, p));
            });
    float[] samples = out.get(0);
    double mean = 0;
    for (float s : samples) {
      mean += s;
    }
    mean /= n;
    double var = 0;
    for (float s : samples) {
      var += (s - mean) * (s - mean);
    }
    double se = Math.sqrt(var / (n - 1) / n);
    double analytic = out.get(1)[0];
    assertThat(se).isGreaterThan(0);
    assertThat(Math.abs(mean - analytic)).isLessThan(4 * se);
  }

  @Test
  void pairWithoutClosedFormIsRejectedWithAClearMessage() {
    assertThatThrownBy(
            () -> GraphRunner.run(
                tf -> KlDivergence.between(tf, new Bernoulli(tf.constant(new float[][] {{0f}})), new StandardNormal(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no analytic KL between Bernoulli and StandardNormal")
        .hasMessageContaining("monteCarlo");
  }
}
