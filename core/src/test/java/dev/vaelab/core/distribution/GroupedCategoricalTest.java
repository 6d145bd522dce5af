package dev.vaelab.core.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.testing.GraphRunner;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** N groups of K-way categoricals: exact and relaxed KL to the uniform prior, straight-through, enumeration. */
class GroupedCategoricalTest {
  static final int N = 3;
  static final int K = 4;
  static final float[][] LOGITS = {{0.5f, -1f, 1.5f, 0f, 2f, 0f, 0f, -2f, 0.3f, 0.3f, 0.3f, 0.3f}, {-0.7f, 1f, 0.2f, 0.1f, 0f, 3f, -1f, 0f, 1f, 2f, -3f, 0.5f}};

  static double[] logSoftmax(float[] l, int from) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < K; k++) {
      max = Math.max(max, l[from + k]);
    }
    double z = 0;
    for (int k = 0; k < K; k++) {
      z += Math.exp(l[from + k] - max);
    }
    double[] out = new double[K];
    for (int k = 0; k < K; k++) {
      out[k] = l[from + k] - max - Math.log(z);
    }
    return out;
  }

  @Test
  void exactKlToTheUniformPriorIsTheSumOverGroupsOfLnKMinusTheEntropy() {
    float[] kl = GraphRunner.run(tf -> dev.vaelab.core.distribution.KlDivergence.between(tf,
        new GroupedCategorical(tf.constant(LOGITS), N, K), GroupedCategorical.uniform(tf, N, K)));
    for (int b = 0; b < 2; b++) {
      double expected = 0;
      for (int n = 0; n < N; n++) {
        double[] lp = logSoftmax(LOGITS[b], n * K);
        double h = 0;
        for (double v : lp) {
          h -= Math.exp(v) * v;
        }
        expected += Math.log(K) - h;
      }
      assertThat((double) kl[b]).isCloseTo(expected, within(1e-5));
    }
  }

  /**
   * KL between the relaxed posterior Concrete(ℓ, τ) and the relaxed uniform prior Concrete(0, τ), by
   * Monte Carlo over the same samples: core's densities against the Concrete density written out in
   * plain Java, and (τ small) close to the exact categorical KL.
   */
  @Test
  void relaxedKlToTheRelaxedUniformPriorMatchesPlainJava() {
    int m = 4000;
    float tau = 0.7f;
    float[] logits = {0.5f, -1f, 1.5f, 0f};
    List<float[]> out = GraphRunner.runAll(tf -> {
      RelaxedOneHotCategorical q = new RelaxedOneHotCategorical(tf.constant(logits), tf.constant(tau));
      RelaxedOneHotCategorical p = new RelaxedOneHotCategorical(tf.constant(new float[K]), tf.constant(tau));
      Operand<TFloat32> y = q.sample(tf, tf.constant(new int[] {m, K}), new Seed(3, 4));
      return List.of(y, tf.math.sub(q.logProb(tf, y), p.logProb(tf, y)));
    });
    float[] y = out.get(0);
    float[] diff = out.get(1);
    double tfKl = 0;
    double javaKl = 0;
    for (int i = 0; i < m; i++) {
      double[] yi = new double[K];
      for (int k = 0; k < K; k++) {
        yi[k] = Math.max(y[i * K + k], 1e-20);
      }
      double lq = concrete(yi, logits, tau);
      double lp = concrete(yi, new float[K], tau);
      assertThat((double) diff[i]).as("sample %d", i).isCloseTo(lq - lp, within(2e-2 + 1e-4 * Math.abs(lq - lp)));
      tfKl += diff[i] / m;
      javaKl += (lq - lp) / m;
    }
    assertThat(tfKl).isCloseTo(javaKl, within(1e-3));
    assertThat(javaKl).as("a KL is >= 0").isGreaterThan(0);
  }

  /** ln of the Concrete density: ln (K−1)! + (K−1) ln τ + Σ_k (ℓ_k − (τ+1) ln y_k) − K ln Σ_k exp(ℓ_k − τ ln y_k). */
  static double concrete(double[] y, float[] logits, double tau) {
    double lnFact = 0;
    for (int i = 2; i < K; i++) {
      lnFact += Math.log(i);
    }
    double s = 0;
    double[] a = new double[K];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < K; k++) {
      s += logits[k] - (tau + 1) * Math.log(y[k]);
      a[k] = logits[k] - tau * Math.log(y[k]);
      max = Math.max(max, a[k]);
    }
    double z = 0;
    for (double v : a) {
      z += Math.exp(v - max);
    }
    return lnFact + (K - 1) * Math.log(tau) + s - K * (max + Math.log(z));
  }

  /**
   * Straight-through: the forward value is exactly the one-hot argmax(ℓ + g) per group, and the
   * gradient with respect to ℓ is that of the relaxed sample, (1/τ) z̃ ⊙ (w − z̃·w) per group for f = w·z.
   */
  @Test
  void straightThroughIsOneHotForwardAndRelaxedBackward() {
    float tau = 0.8f;
    float[] g = {0.1f, -0.3f, 0.7f, 0.2f, 1.1f, -0.5f, 0.0f, 0.4f, -0.2f, 0.9f, 0.3f, -1.0f};
    float[] w = {1f, 2f, -1f, 0.5f, 0f, 1f, 3f, -2f, 0.7f, -0.7f, 1.5f, 2.5f};
    try (Graph graph = new Graph(); Session s = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Variable<TFloat32> l = tf.variable(tf.constant(new float[][] {LOGITS[0]}));
      GroupedCategorical q = new GroupedCategorical(tf.identity(l), N, K);
      Operand<TFloat32> noise = q.byGroup(tf, tf.constant(new float[][] {g}));
      Operand<TFloat32> st = q.straightThroughSample(tf, noise, tf.constant(tau));
      Operand<TFloat32> soft = q.relaxedSample(tf, noise, tf.constant(tau));
      Operand<TFloat32> f = tf.reduceSum(tf.math.mul(st, tf.constant(new float[][] {w})), tf.constant(new int[] {0, 1}));
      Gradients grad = tf.gradients(f, List.of(l));
      try (Result r = s.runner().fetch(st).fetch(soft).fetch(grad.dy(0)).run()) {
        float[] z = dev.vaelab.core.graph.Feeds.values(r.get(0));
        float[] zs = dev.vaelab.core.graph.Feeds.values(r.get(1));
        float[] dl = dev.vaelab.core.graph.Feeds.values(r.get(2));
        for (int n = 0; n < N; n++) {
          int best = 0;
          for (int k = 1; k < K; k++) {
            if (LOGITS[0][n * K + k] + g[n * K + k] > LOGITS[0][n * K + best] + g[n * K + best]) {
              best = k;
            }
          }
          double dot = 0;
          for (int k = 0; k < K; k++) {
            assertThat((double) z[n * K + k]).isCloseTo(k == best ? 1 : 0, within(1e-6));
            dot += zs[n * K + k] * w[n * K + k];
          }
          for (int k = 0; k < K; k++) {
            double expected = zs[n * K + k] * (w[n * K + k] - dot) / tau;
            assertThat((double) dl[n * K + k]).as("dz/dl group %d class %d", n, k).isCloseTo(expected, within(1e-5));
          }
        }
      }
    }
  }

  /** The K^N joint values and their ln q: each value one-hot per group, ln q = Σ_n ln π_n[k_n] (plain Java). */
  @Test
  void enumerationCoversEveryJointValueWithItsLogProbability() {
    List<float[]> out = GraphRunner.runAll(tf -> {
      GroupedCategorical q = new GroupedCategorical(tf.constant(LOGITS), N, K);
      return List.of(q.support(tf), q.logProbOfSupport(tf));
    });
    float[] values = out.get(0);
    float[] lq = out.get(1);
    int s = 64;
    assertThat(values).hasSize(s * N * K);
    assertThat(lq).hasSize(s * 2);
    java.util.Set<String> seen = new java.util.HashSet<>();
    double[] total = new double[2];
    for (int v = 0; v < s; v++) {
      StringBuilder key = new StringBuilder();
      for (int b = 0; b < 2; b++) {
        double expected = 0;
        for (int n = 0; n < N; n++) {
          int chosen = -1;
          for (int k = 0; k < K; k++) {
            if (values[v * N * K + n * K + k] == 1f) {
              assertThat(chosen).isEqualTo(-1);
              chosen = k;
            }
          }
          assertThat(chosen).isGreaterThanOrEqualTo(0);
          if (b == 0) {
            key.append(chosen);
          }
          expected += logSoftmax(LOGITS[b], n * K)[chosen];
        }
        assertThat((double) lq[v * 2 + b]).isCloseTo(expected, within(1e-5));
        total[b] += Math.exp(expected);
      }
      seen.add(key.toString());
    }
    assertThat(seen).hasSize(s);
    assertThat(total[0]).isCloseTo(1, within(1e-6));
    assertThatThrownBy(() -> GraphRunner.run(tf -> new GroupedCategorical(tf.constant(new float[1][300]), 30, 10).support(tf)))
        .hasMessageContaining("cannot enumerate 10^30");
  }
}
