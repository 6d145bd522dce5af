package dev.vaelab.core.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.testing.GraphRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Categorical: log-probability, entropy, KL and enumeration against plain Java. */
class CategoricalTest {
  static final float[][] L1 = {{1.0f, 2.0f, 0.5f}, {-3.0f, 0.0f, 3.0f}};
  static final float[][] L2 = {{0.0f, 0.0f, 0.0f}, {2.0f, -1.0f, 0.5f}};

  /** ln softmax(ℓ) in double. */
  static double[] logSoftmax(float[] l) {
    double[] d = new double[l.length];
    for (int i = 0; i < l.length; i++) {
      d[i] = l[i];
    }
    double lse = dev.vaelab.core.math.LogSumExp.logSumExp(d); // plain Java, checked by LogSumExpTest
    double[] out = new double[l.length];
    for (int i = 0; i < l.length; i++) {
      out[i] = l[i] - lse;
    }
    return out;
  }

  @Test
  void logProbabilityEntropyAndKlMatchTheDefinitions() {
    float[][] values = {{0, 0, 1}, {0, 1, 0}};
    List<float[]> r = GraphRunner.runAll(tf -> {
      Categorical q = new Categorical(tf.constant(L1));
      Categorical p = new Categorical(tf.constant(L2));
      return List.of(q.logProb(tf, tf.constant(values)), q.entropy(tf), KlDivergence.between(tf, q, p), q.mean(tf));
    });
    for (int b = 0; b < 2; b++) {
      double[] lq = logSoftmax(L1[b]);
      double[] lp = logSoftmax(L2[b]);
      int k = b == 0 ? 2 : 1;
      assertThat((double) r.get(0)[b]).isCloseTo(lq[k], within(1e-5));
      double h = 0;
      double kl = 0;
      for (int i = 0; i < 3; i++) {
        h -= Math.exp(lq[i]) * lq[i];
        kl += Math.exp(lq[i]) * (lq[i] - lp[i]);
        assertThat((double) r.get(3)[b * 3 + i]).isCloseTo(Math.exp(lq[i]), within(1e-6));
      }
      assertThat((double) r.get(1)[b]).isCloseTo(h, within(1e-5));
      assertThat((double) r.get(2)[b]).isCloseTo(kl, within(1e-5));
      assertThat(kl).isPositive();
    }
    // KL(q ‖ q) = 0
    float[] self = GraphRunner.run(tf -> KlDivergence.between(tf, new Categorical(tf.constant(L1)), new Categorical(tf.constant(L1))));
    assertThat((double) self[0]).isCloseTo(0, within(1e-6));
  }

  @Test
  void enumerationListsEveryValueWithItsLogProbability() {
    List<float[]> r = GraphRunner.runAll(tf -> {
      Categorical q = new Categorical(tf.constant(L1));
      return List.of(q.support(tf), q.logProbOfSupport(tf));
    });
    // support: [K=3, 1, 3], the identity
    float[] support = r.get(0);
    assertThat(support).hasSize(9);
    for (int k = 0; k < 3; k++) {
      for (int j = 0; j < 3; j++) {
        assertThat(support[k * 3 + j]).isEqualTo(k == j ? 1f : 0f);
      }
    }
    // ln q(z_k) for every example: [K, batch]; Σ_k q(z_k) = 1
    for (int b = 0; b < 2; b++) {
      double[] lq = logSoftmax(L1[b]);
      double total = 0;
      for (int k = 0; k < 3; k++) {
        assertThat((double) r.get(1)[k * 2 + b]).isCloseTo(lq[k], within(1e-5));
        total += Math.exp(r.get(1)[k * 2 + b]);
      }
      assertThat(total).isCloseTo(1, within(1e-5));
    }
  }

  @Test
  void gumbelMaxSamplesHaveTheClassProbabilities() {
    int n = 20000;
    float[] logits = {0.5f, -1.0f, 1.5f, 0.0f};
    float[] draws = GraphRunner.run(tf -> new Categorical(tf.constant(logits))
        .sample(tf, tf.constant(new int[] {n, 4}), new Seed(3, 1)));
    assertFrequencies(draws, n, logSoftmax(logits));
  }

  /** Argmax frequencies of n one-hot-ish rows within 3 standard errors of exp(logp). */
  static void assertFrequencies(float[] rows, int n, double[] logp) {
    int k = logp.length;
    int[] counts = new int[k];
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int j = 1; j < k; j++) {
        if (rows[i * k + j] > rows[i * k + best]) {
          best = j;
        }
      }
      counts[best]++;
    }
    for (int j = 0; j < k; j++) {
      double p = Math.exp(logp[j]);
      double se = Math.sqrt(p * (1 - p) / n);
      assertThat((double) counts[j] / n).as("class %d", j).isCloseTo(p, within(3 * se));
    }
  }
}
