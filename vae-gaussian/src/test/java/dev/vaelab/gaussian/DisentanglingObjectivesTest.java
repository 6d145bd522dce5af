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

/** Issue 27: the capacity-annealed β-VAE's schedule and loss, and DIP-VAE's penalty, recomputed in plain Java. */
class DisentanglingObjectivesTest {
  static final int B = 16;
  static final int D = 6;

  /** total, rate and distortion of one batch in one session run (so one noise draw). */
  static float[][] terms(Objective objective, float[] y) {
    ModelSpec spec = GaussianVae.builder().dataSize(D).hidden(new long[] {8}).latentSize(3).build();
    try (ModelGraph g = ModelGraph.build(spec, objective, 1)) {
      List<Tensor> fed = new ArrayList<>();
      try {
        Session.Runner r = g.feed(g.session().runner(), Batch.of(y, B), fed);
        try (Result res = r.fetch(g.loss().total()).fetch(g.loss().rate()).fetch(g.loss().distortion()).run()) {
          return new float[][] {Feeds.values(res.get(0)), Feeds.values(res.get(1)), Feeds.values(res.get(2))};
        }
      } finally {
        fed.forEach(Tensor::close);
      }
    }
  }

  static float[] binary(long seed) {
    Random r = new Random(seed);
    float[] y = new float[B * D];
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

  @Test
  void theCapacityRisesLinearlyAndTheLossPullsTheRateTowardsIt() {
    CapacityElbo c = new CapacityElbo(1000, 25, 100);
    assertThat(c.capacityAt(0)).isEqualTo(0.0);
    assertThat(c.capacityAt(50)).isEqualTo(12.5);
    assertThat(c.capacityAt(100)).isEqualTo(25.0);
    assertThat(c.capacityAt(1000)).isEqualTo(25.0);
    assertThat(new CapacityElbo(1000, 25, 0).capacityAt(0)).isEqualTo(25.0);
    // at step 0 the target is 0: loss = mean(distortion) + γ·|mean(rate) − 0|; with no schedule it is 25 from the start
    float[][] t = terms(c, binary(3));
    assertThat((double) t[0][0]).isCloseTo(mean(t[2]) + 1000 * Math.abs(mean(t[1])), within(1e-3 * (1 + Math.abs(t[0][0]))));
    float[][] u = terms(new CapacityElbo(7, 25, 0), binary(3));
    assertThat((double) u[0][0]).isCloseTo(mean(u[2]) + 7 * Math.abs(mean(u[1]) - 25), within(1e-3 * (1 + Math.abs(u[0][0]))));
    assertThatThrownBy(() -> new CapacityElbo(0, 25, 10)).hasMessageContaining("gamma must be a finite number > 0, got 0.0");
  }

  /** λ_od Σ_{i≠j} C_ij² + λ_d Σ_i (C_ii − 1)², C the batch covariance of μ (+ mean diag σ² for II), from its definition. */
  static double penalty(double[][] mu, double[][] logVar, DipElbo.Kind kind, double lod, double ld) {
    int n = mu.length;
    int d = mu[0].length;
    double[] m = new double[d];
    for (double[] r : mu) {
      for (int j = 0; j < d; j++) {
        m[j] += r[j] / n;
      }
    }
    double p = 0;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double c = 0;
        for (double[] r : mu) {
          c += (r[i] - m[i]) * (r[j] - m[j]) / n;
        }
        if (i == j && kind == DipElbo.Kind.II) {
          for (double[] lv : logVar) {
            c += Math.exp(lv[i]) / n;
          }
        }
        p += i == j ? ld * (c - 1) * (c - 1) : lod * c * c;
      }
    }
    return p;
  }

  @Test
  void dipPenaltyIsTheCovarianceMismatchRecomputed() {
    Random r = new Random(9);
    int n = 12;
    int d = 4;
    float[][] mu = new float[n][d];
    float[][] lv = new float[n][d];
    double[][] mud = new double[n][d];
    double[][] lvd = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mu[i][j] = (float) (r.nextGaussian() * (j + 1) * 0.5 + (j == 1 ? 0.3 * mu[i][0] : 0));
        lv[i][j] = (float) (r.nextGaussian() * 0.5 - 1);
        mud[i][j] = mu[i][j];
        lvd[i][j] = lv[i][j];
      }
    }
    for (DipElbo.Kind kind : DipElbo.Kind.values()) {
      double lod = 3;
      double ld = DipElbo.defaultLambdaDiagonal(kind, lod);
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        Operand<TFloat32> p = DipElbo.penalty(tf, tf.constant(mu), tf.constant(lv), d, kind, lod, ld);
        try (Result res = s.runner().fetch(p).run()) {
          double got = ((TFloat32) res.get(0)).getFloat();
          double expected = penalty(mud, lvd, kind, lod, ld);
          assertThat(got).as(kind.name()).isCloseTo(expected, within(1e-4 * expected));
        }
      }
    }
    assertThat(DipElbo.defaultLambdaDiagonal(DipElbo.Kind.I, 10)).isEqualTo(100.0);
    assertThat(DipElbo.defaultLambdaDiagonal(DipElbo.Kind.II, 10)).isEqualTo(10.0);
    // in a model: the loss is the ELBO's plus a non-negative penalty
    float[][] t = terms(new DipElbo(DipElbo.Kind.II, 10, 10), binary(4));
    assertThat((double) t[0][0]).isGreaterThanOrEqualTo(mean(t[1]) + mean(t[2]) - 1e-3);
  }
}
