package dev.vaelab.core.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.testing.GraphRunner;
import org.junit.jupiter.api.Test;

class BernoulliTest {

  /** ln P(y | l) = y ln σ(l) + (1 − y) ln (1 − σ(l)), evaluated stably in double. */
  static double logBernoulli(double y, double l) {
    double logSig = -Math.log1p(Math.exp(-Math.abs(l))) + Math.min(l, 0);   // ln σ(l)
    double logOneMinus = -Math.log1p(Math.exp(-Math.abs(l))) + Math.min(-l, 0); // ln σ(−l)
    return y * logSig + (1 - y) * logOneMinus;
  }

  @Test
  void logProbMatchesPlainJavaIncludingExtremeLogits() {
    float[][] logits = {{50f, -50f, 0f, 3f}, {-50f, 50f, -2.5f, 0.1f}};
    float[][] y = {{1f, 0f, 1f, 0f}, {1f, 0f, 0f, 1f}};
    float[] lp = GraphRunner.run(tf -> new Bernoulli(tf.constant(logits)).logProb(tf, tf.constant(y)));
    for (int b = 0; b < 2; b++) {
      double expected = 0;
      for (int j = 0; j < 4; j++) {
        expected += logBernoulli(y[b][j], logits[b][j]);
      }
      assertThat(Float.isFinite(lp[b])).isTrue();
      assertThat((double) lp[b]).isCloseTo(expected, within(1e-4 * Math.max(1, Math.abs(expected))));
    }
    // the wrong-side extreme logits cost exactly 50 nats each
    assertThat((double) lp[1]).isCloseTo(-50 - 50 + logBernoulli(0, -2.5) + logBernoulli(1, 0.1), within(1e-3));
  }

  @Test
  void meanIsSigmoidAndSamplesFollowIt() {
    int n = 50_000;
    float[] logits = {-1f, 2f};
    float[] mean = GraphRunner.run(tf -> new Bernoulli(tf.constant(logits)).mean(tf));
    float[] s =
        GraphRunner.run(tf -> new Bernoulli(tf.constant(logits)).sample(tf, tf.constant(new int[] {n, 2}), new Seed(3, 9)));
    for (int j = 0; j < 2; j++) {
      double p = 1 / (1 + Math.exp(-logits[j]));
      assertThat((double) mean[j]).isCloseTo(p, within(1e-6));
      double freq = 0;
      for (int i = 0; i < n; i++) {
        assertThat(s[2 * i + j]).isIn(0f, 1f);
        freq += s[2 * i + j];
      }
      freq /= n;
      assertThat(freq).isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / n)));
    }
  }
}
