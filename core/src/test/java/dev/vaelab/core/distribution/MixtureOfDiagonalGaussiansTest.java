package dev.vaelab.core.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.testing.GraphRunner;
import org.junit.jupiter.api.Test;

/** The mixture's log-density against plain Java, also far from every component, and its sampling. */
class MixtureOfDiagonalGaussiansTest {
  static final float[] LOGITS = {0.2f, -0.5f, 1.0f};
  static final float[][] MEANS = {{0f, 1f}, {-2f, 0.5f}, {3f, -1f}};
  static final float[][] LOG_VARS = {{0f, -1f}, {0.5f, 0f}, {-0.3f, 0.2f}};

  /** ln Σ_k π_k N(z; μ_k, σ_k²) in double, stable. */
  static double logDensity(double[] z) {
    double[] lw = new double[3];
    double lse = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < 3; k++) {
      lse = Math.max(lse, LOGITS[k]);
    }
    double s = 0;
    for (int k = 0; k < 3; k++) {
      s += Math.exp(LOGITS[k] - lse);
    }
    double[] terms = new double[3];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < 3; k++) {
      lw[k] = LOGITS[k] - lse - Math.log(s);
      double t = lw[k];
      for (int j = 0; j < 2; j++) {
        double v = Math.exp(LOG_VARS[k][j]);
        t += -0.5 * (Math.log(2 * Math.PI) + LOG_VARS[k][j] + (z[j] - MEANS[k][j]) * (z[j] - MEANS[k][j]) / v);
      }
      terms[k] = t;
      max = Math.max(max, t);
    }
    double sum = 0;
    for (double t : terms) {
      sum += Math.exp(t - max);
    }
    return max + Math.log(sum);
  }

  static MixtureOfDiagonalGaussians mixture(org.tensorflow.op.Ops tf) {
    return new MixtureOfDiagonalGaussians(tf.constant(LOGITS), tf.constant(MEANS), tf.constant(LOG_VARS));
  }

  @Test
  void logProbabilityMatchesPlainJavaNearAndFarFromEveryComponent() {
    float[][] z = {{0f, 0f}, {3f, -1f}, {-2f, 0.4f}, {40f, -60f}, {1000f, 1000f}, {-3000f, 2500f}};
    float[] lp = GraphRunner.run(tf -> mixture(tf).logProb(tf, tf.constant(z)));
    for (int i = 0; i < z.length; i++) {
      double expected = logDensity(new double[] {z[i][0], z[i][1]});
      assertThat(Float.isFinite(lp[i])).as("point %d", i).isTrue();
      assertThat((double) lp[i]).as("point %d", i).isCloseTo(expected, within(Math.max(1e-4, 1e-6 * Math.abs(expected))));
    }
  }

  @Test
  void ancestralSamplesHaveTheMixtureMean() {
    int n = 40000;
    float[] s = GraphRunner.run(tf -> mixture(tf).sample(tf, tf.constant(new int[] {n, 2}), new Seed(5, 1)));
    float[] mean = GraphRunner.run(tf -> mixture(tf).mean(tf));
    double[] w = new double[3];
    double norm = 0;
    for (int k = 0; k < 3; k++) {
      norm += Math.exp(LOGITS[k]);
    }
    for (int j = 0; j < 2; j++) {
      double expected = 0;
      for (int k = 0; k < 3; k++) {
        w[k] = Math.exp(LOGITS[k]) / norm;
        expected += w[k] * MEANS[k][j];
      }
      assertThat((double) mean[j]).isCloseTo(expected, within(1e-5));
      double m = 0;
      double sq = 0;
      for (int i = 0; i < n; i++) {
        m += s[i * 2 + j] / n;
        sq += (double) s[i * 2 + j] * s[i * 2 + j] / n;
      }
      double se = Math.sqrt((sq - m * m) / n);
      assertThat(m).isCloseTo(expected, within(4 * se));
    }
  }
}
