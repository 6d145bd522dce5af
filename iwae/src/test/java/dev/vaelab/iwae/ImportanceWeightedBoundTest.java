package dev.vaelab.iwae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.nn.Parameters;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.objective.Loss;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.objective.ObjectiveContext;
import dev.vaelab.core.graph.Feeds;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class ImportanceWeightedBoundTest {

  /** Per-example bound of {@code objective} on R copies of each test point: [point][replica]. */
  static float[][] bounds(ModelSpec spec, Objective objective, int replicas, long seed) {
    float[][] y = new float[Ppca.YS.length * replicas][Ppca.D];
    for (int p = 0; p < Ppca.YS.length; p++) {
      for (int r = 0; r < replicas; r++) {
        for (int i = 0; i < Ppca.D; i++) {
          y[p * replicas + r][i] = (float) Ppca.YS[p][i];
        }
      }
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      LatentVariableModel model = spec.build(tf, new Parameters(tf), 0);
      Loss l = objective.build(tf, model, tf.constant(y), new ObjectiveContext(tf.constant(0f), new Seed.Sequence(seed)));
      try (Result r = s.runner().fetch(l.bound()).run()) {
        float[] v = Feeds.values(r.get(0));
        float[][] out = new float[Ppca.YS.length][replicas];
        for (int p = 0; p < Ppca.YS.length; p++) {
          System.arraycopy(v, p * replicas, out[p], 0, replicas);
        }
        return out;
      }
    }
  }

  static double mean(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x;
    }
    return s / v.length;
  }

  static double se(float[] v) {
    double m = mean(v);
    double s = 0;
    for (float x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (v.length - 1) / v.length);
  }

  @Test
  void withTheExactPosteriorEveryBoundIsTheLogLikelihoodWithZeroVariance() {
    ModelSpec exact = Ppca.spec(1, 0, 0);
    for (int k : new int[] {1, 5, 50}) {
      float[][] b = bounds(exact, ImportanceWeightedBound.of(k), 20, 1);
      for (int p = 0; p < Ppca.YS.length; p++) {
        double truth = Ppca.exactLogLikelihood(Ppca.YS[p]);
        for (float v : b[p]) {
          assertThat((double) v).as("k=%d point %d", k, p).isCloseTo(truth, within(2e-4 * Math.abs(truth) + 1e-4));
        }
      }
    }
  }

  @Test
  void boundsAreOrderedAndApproachTheLogLikelihood() {
    ModelSpec imperfect = Ppca.spec(0.6, 0.3, 0.9);
    int replicas = 4000;
    float[][] l1 = bounds(imperfect, ImportanceWeightedBound.of(1), replicas, 2);
    float[][] l5 = bounds(imperfect, ImportanceWeightedBound.of(5), replicas, 3);
    float[][] l50 = bounds(imperfect, ImportanceWeightedBound.of(50), replicas, 4);
    float[][] l500 = bounds(imperfect, ImportanceWeightedBound.of(500), 400, 5);
    for (int p = 0; p < Ppca.YS.length; p++) {
      double truth = Ppca.exactLogLikelihood(Ppca.YS[p]);
      double m1 = mean(l1[p]);
      double m5 = mean(l5[p]);
      double m50 = mean(l50[p]);
      double m500 = mean(l500[p]);
      // ELBO < L_5 < L_50 ≤ ln p(y), each gap larger than 4 combined standard errors
      assertThat(m5 - m1).as("L5 − ELBO, point %d", p).isGreaterThan(4 * Math.hypot(se(l1[p]), se(l5[p])));
      assertThat(m50 - m5).as("L50 − L5, point %d", p).isGreaterThan(4 * Math.hypot(se(l5[p]), se(l50[p])));
      assertThat(m50).isLessThan(truth + 4 * se(l50[p]));
      assertThat(m500).isLessThan(truth + 4 * se(l500[p]));
      // approaching: the remaining gap shrinks with k and is small at k = 500
      assertThat(truth - m500).isLessThan(truth - m50);
      assertThat(truth - m500).isLessThan(0.05 * (truth - m1));
      // the ELBO estimate itself is below the truth by a clear margin for this poor encoder
      assertThat(truth - m1).isGreaterThan(0.2);
    }
  }

  @Test
  void withOneSampleTheBoundIsTheMonteCarloElbo() {
    ModelSpec imperfect = Ppca.spec(0.6, 0.3, 0.9);
    float[][] iw = bounds(imperfect, ImportanceWeightedBound.of(1), 3000, 9);
    float[][] elbo = bounds(imperfect, Elbo.standard().withRateEstimator(Elbo.RateEstimator.MONTE_CARLO), 3000, 9);
    float[][] analytic = bounds(imperfect, Elbo.standard(), 3000, 9);
    for (int p = 0; p < Ppca.YS.length; p++) {
      // same seed, same draws: the k = 1 bound is ln w_1 = the Monte-Carlo ELBO, sample by sample
      for (int r = 0; r < 3000; r++) {
        assertThat(iw[p][r]).isCloseTo(elbo[p][r], within(1e-4f * Math.abs(elbo[p][r]) + 1e-4f));
      }
      // and in expectation it is the analytic-KL ELBO
      assertThat(mean(iw[p])).isCloseTo(mean(analytic[p]), within(4 * Math.hypot(se(iw[p]), se(analytic[p]))));
    }
  }

  @Test
  void invalidKIsRejected() {
    assertThatThrownBy(() -> ImportanceWeightedBound.of(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k must be >= 1, got 0");
    assertThatThrownBy(() -> GradientEstimator.fromName("reinforce"))
        .hasMessageContaining("unknown gradient estimator 'reinforce'")
        .hasMessageContaining("dreg");
    assertThat(GradientEstimator.fromName("DReG")).isEqualTo(GradientEstimator.DREG);
  }

  @Test
  void effectiveSampleSizeIsKForTheExactPosterior() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      LatentVariableModel model = Ppca.spec(1, 0, 0).build(tf, new Parameters(tf), 0);
      float[][] y = {{0.8f, 0.1f, 1.5f, -0.9f}};
      IwaeLoss l = ImportanceWeightedBound.of(20).build(tf, model, tf.constant(y), new ObjectiveContext(tf.constant(0f), new Seed.Sequence(1)));
      try (Result r = s.runner().fetch(l.effectiveSampleSize()).run()) {
        assertThat(((TFloat32) r.get(0)).getFloat(0)).isCloseTo(20f, within(1e-2f));
      }
    }
  }
}
