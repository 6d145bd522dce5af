package dev.vaelab.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.data.Batch;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.objective.Objective;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Issue 28: the MMD estimator (both kernels) against explicit double sums and its unbiasedness; the WAE, InfoVAE and
 * RAE losses assembled from their terms, the RAE's decoder penalty recomputed from the weights.
 */
class MmdObjectivesTest {
  /** k written out here: exp(−D/C), or Σ_s sC/(sC + D) over s ∈ {0.1, 0.2, 0.5, 1, 2, 5, 10}. */
  static double kernel(MmdKernel k, double[] a, double[] b, double c) {
    double d2 = 0;
    for (int i = 0; i < a.length; i++) {
      d2 += (a[i] - b[i]) * (a[i] - b[i]);
    }
    if (k == MmdKernel.RBF) {
      return Math.exp(-d2 / c);
    }
    double s = 0;
    for (double x : new double[] {0.1, 0.2, 0.5, 1, 2, 5, 10}) {
      s += x * c / (x * c + d2);
    }
    return s;
  }

  /** The U-statistic by its definition: means over i ≠ j within each set, over all pairs across. */
  static double explicit(MmdKernel k, double[][] x, double[][] y, double c) {
    int n = x.length;
    int m = y.length;
    double xx = 0;
    double yy = 0;
    double xy = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          xx += kernel(k, x[i], x[j], c);
        }
      }
    }
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        if (i != j) {
          yy += kernel(k, y[i], y[j], c);
        }
      }
    }
    for (double[] a : x) {
      for (double[] b : y) {
        xy += kernel(k, a, b, c);
      }
    }
    return xx / (n * (n - 1.0)) + yy / (m * (m - 1.0)) - 2 * xy / ((double) n * m);
  }

  static double[][] gaussian(Random r, int n, int d, double shift) {
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = r.nextGaussian() + shift;
      }
    }
    return x;
  }

  static float[][] f(double[][] x) {
    float[][] o = new float[x.length][x[0].length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[0].length; j++) {
        o[i][j] = (float) x[i][j];
      }
    }
    return o;
  }

  /** MMD²_u of several pairs, each fed to one graph built on placeholders. */
  static float[] estimates(MmdKernel k, List<double[][]> xs, List<double[][]> ys, double c) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var px = tf.placeholder(TFloat32.class);
      var py = tf.placeholder(TFloat32.class);
      Operand<TFloat32> mmd = Mmd.unbiased(tf, tf.ensureShape(px, org.tensorflow.ndarray.Shape.of(-1, xs.get(0)[0].length)),
          tf.ensureShape(py, org.tensorflow.ndarray.Shape.of(-1, ys.get(0)[0].length)), k, c);
      float[] out = new float[xs.size()];
      for (int i = 0; i < out.length; i++) {
        try (TFloat32 tx = TFloat32.tensorOf(org.tensorflow.ndarray.StdArrays.ndCopyOf(f(xs.get(i))));
            TFloat32 ty = TFloat32.tensorOf(org.tensorflow.ndarray.StdArrays.ndCopyOf(f(ys.get(i))));
            Result res = s.runner().feed(px, tx).feed(py, ty).fetch(mmd).run()) {
          out[i] = Feeds.values(res.get(0))[0];
        }
      }
      return out;
    }
  }

  @Test
  void theEstimateIsTheUStatisticWrittenOutForBothKernels() {
    Random r = new Random(1);
    double[][] x = gaussian(r, 7, 3, 0);
    double[][] y = gaussian(r, 5, 3, 0.8);
    double c = Mmd.scale(3, 1.0);
    assertThat(c).isEqualTo(6.0);
    for (MmdKernel k : MmdKernel.values()) {
      double want = explicit(k, x, y, c);
      assertThat((double) estimates(k, List.<double[][]>of(x), List.<double[][]>of(y), c)[0]).as(k.name()).isCloseTo(want, within(1e-5 * (1 + Math.abs(want)) + 1e-6));
      assertThat(want).as("%s: shifted sets are apart", k).isPositive();
    }
  }

  @Test
  void theEstimateIsUnbiasedForTwoSamplesOfOneDistribution() {
    Random r = new Random(2);
    int reps = 300;
    List<double[][]> xs = new ArrayList<>();
    List<double[][]> ys = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      xs.add(gaussian(r, 8, 2, 0));
      ys.add(gaussian(r, 8, 2, 0));
    }
    for (MmdKernel k : MmdKernel.values()) {
      float[] e = estimates(k, xs, ys, Mmd.scale(2, 1.0));
      double mean = 0;
      double sq = 0;
      int neg = 0;
      for (float v : e) {
        mean += v / (double) reps;
        sq += v * (double) v / reps;
        neg += v < 0 ? 1 : 0;
      }
      double se = Math.sqrt((sq - mean * mean) / reps);
      // the V-statistic (diagonal kept) would sit at (k(0) − E k)(1/n + 1/m) > 0, many standard errors away
      assertThat(Math.abs(mean)).as("%s: mean %.5f ± %.5f", k, mean, se).isLessThan(3 * se);
      assertThat(neg).as("an unbiased estimate of 0 is negative about half the time").isBetween(reps / 4, 3 * reps / 4);
    }
  }

  static final int B = 12;
  static final int DIM = 6;

  static float[][] fetch(ModelSpec spec, Objective objective, float[] y, String... variables) {
    try (ModelGraph g = ModelGraph.build(spec, objective, 1)) {
      List<Tensor> fed = new ArrayList<>();
      try {
        DivergenceLoss loss = (DivergenceLoss) g.loss();
        Session.Runner r = g.feed(g.session().runner(), Batch.of(y, B), fed).fetch(loss.total()).fetch(loss.rate()).fetch(loss.distortion())
            .fetch(loss.penalty()).fetch(g.posteriorMean());
        for (String v : variables) {
          r.fetch(g.parameters().variable(v));
        }
        try (Result res = r.run()) {
          float[][] out = new float[5 + variables.length][];
          for (int i = 0; i < out.length; i++) {
            out[i] = Feeds.values(res.get(i));
          }
          return out;
        }
      } finally {
        fed.forEach(Tensor::close);
      }
    }
  }

  static float[] binary(long seed) {
    Random r = new Random(seed);
    float[] y = new float[B * DIM];
    for (int i = 0; i < y.length; i++) {
      y[i] = r.nextBoolean() ? 1f : 0f;
    }
    return y;
  }

  static double mean(float[] x) {
    double s = 0;
    for (float v : x) {
      s += v;
    }
    return s / x.length;
  }

  static GaussianVae sizes() {
    return GaussianVae.builder().dataSize(DIM).hidden(new long[] {8}).latentSize(3).build();
  }

  @Test
  void theWaeLossIsTheDistortionPlusLambdaTimesTheMmdAndHasNoRate() {
    float[][] t = fetch(new DeterministicAutoencoder(sizes()), new WassersteinObjective(10, MmdKernel.IMQ), binary(3));
    assertThat((double) t[0][0]).isCloseTo(mean(t[2]) + 10 * t[3][0], within(1e-3));
    assertThat(t[1]).containsOnly(0f); // a point mass has no rate
  }

  @Test
  void theInfoVaeLossWeightsTheKlAndTheMmdAsZhaoEtAl() {
    float[][] t = fetch(sizes(), new InfoVaeElbo(0.25, 40, MmdKernel.RBF), binary(4));
    double want = 0;
    for (int i = 0; i < B; i++) {
      want += (t[2][i] + 0.75 * t[1][i]) / B;
    }
    assertThat((double) t[0][0]).isCloseTo(want + (0.25 + 40 - 1) * t[3][0], within(1e-3));
    assertThatThrownBy(() -> new InfoVaeElbo(0, 0.5, MmdKernel.IMQ)).hasMessageContaining("α + λ − 1 >= 0");
  }

  @Test
  void theRaeLossAddsTheCodeNormAndTheDecodersSquaredWeights() {
    float[][] t = fetch(new DeterministicAutoencoder(sizes()), new RaeObjective(0.5, 0.01), binary(5), "dec_l0_W", "dec_l1_W");
    double weights = 0;
    for (int v = 5; v < 7; v++) {
      for (float w : t[v]) {
        weights += w * (double) w;
      }
    }
    assertThat((double) t[3][0]).isCloseTo(weights, within(1e-3 * weights));
    double want = 0;
    for (int i = 0; i < B; i++) {
      double norm = 0;
      for (int j = 0; j < 3; j++) {
        norm += t[4][i * 3 + j] * (double) t[4][i * 3 + j]; // the code z = E(y), the posterior's mean
      }
      want += (t[2][i] + 0.5 * 0.5 * norm) / B;
    }
    assertThat((double) t[0][0]).isCloseTo(want + 0.01 * weights, within(1e-3));
  }

  /** RAE-GP: the penalty is ‖∇_z Σ_j sigmoid(l_j(z))‖², recomputed by differentiating the decoder MLP by hand in Java. */
  @Test
  void theRaeGradientPenaltyIsTheSquaredGradientOfTheSummedDecoderMean() {
    float[][] t = fetch(new DeterministicAutoencoder(sizes()), new RaeObjective(0.5, 0.01, RaeObjective.Penalty.GRADIENT), binary(6),
        "dec_l0_W", "dec_l0_b", "dec_l1_W", "dec_l1_b");
    int d = 3;
    int h = 8;
    float[] w0 = t[5];
    float[] b0 = t[6];
    float[] w1 = t[7];
    float[] b1 = t[8];
    double penalty = 0;
    double want = 0;
    for (int i = 0; i < B; i++) {
      double[] z = new double[d];
      double norm = 0;
      for (int k = 0; k < d; k++) {
        z[k] = t[4][i * d + k];
        norm += z[k] * z[k];
      }
      double[] pre = new double[h];
      for (int u = 0; u < h; u++) {
        pre[u] = b0[u];
        for (int k = 0; k < d; k++) {
          pre[u] += z[k] * w0[k * h + u];
        }
      }
      // ∂/∂h_u Σ_j σ(l_j) = Σ_j σ'(l_j) W1[u, j];  ∂/∂z_k = Σ_u 1[pre_u > 0] W0[k, u] ∂/∂h_u
      double[] dh = new double[h];
      for (int j = 0; j < DIM; j++) {
        double l = b1[j];
        for (int u = 0; u < h; u++) {
          l += Math.max(0, pre[u]) * w1[u * DIM + j];
        }
        double p = 1 / (1 + Math.exp(-l));
        for (int u = 0; u < h; u++) {
          dh[u] += p * (1 - p) * w1[u * DIM + j];
        }
      }
      double g2 = 0;
      for (int k = 0; k < d; k++) {
        double gk = 0;
        for (int u = 0; u < h; u++) {
          gk += pre[u] > 0 ? w0[k * h + u] * dh[u] : 0;
        }
        g2 += gk * gk;
      }
      penalty += g2 / B;
      want += (t[2][i] + 0.5 * 0.5 * norm + 0.01 * g2) / B;
    }
    assertThat((double) t[3][0]).as("the penalty, averaged over the batch").isCloseTo(penalty, within(1e-4 * (1 + penalty)));
    assertThat(penalty).isPositive();
    assertThat((double) t[0][0]).isCloseTo(want, within(1e-3));
  }
}
