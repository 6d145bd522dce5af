package dev.vaelab.iwae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.distribution.Gaussian;
import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.StandardNormalPrior;
import dev.vaelab.core.nn.Parameters;
import dev.vaelab.core.objective.ObjectiveContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/**
 * The doubly-reparameterised gradient against the standard IWAE gradient on pPCA. The encoder is a
 * free variational distribution per replica (R copies of one observation), so the gradient with
 * respect to row r of its parameters is one independent draw of the per-example gradient.
 */
class DregGradientTest {
  static final int R = 3000;
  static final double[] Y = Ppca.YS[0];

  /** Gradients (×R, i.e. per replica) w.r.t. μ [R·d], ln σ² [R·d] and the decoder bias [D]. */
  static List<float[]> gradients(GradientEstimator est, int k, double muOffset, double lvOffset, long seed) {
    return gradients(new ImportanceWeightedBound(k, est), muOffset, lvOffset, seed);
  }

  /** As above for any objective: gradients of its total w.r.t. μ, ln σ² (×R, per replica) and the decoder bias. */
  static List<float[]> gradients(dev.vaelab.core.objective.Objective objective, double muOffset, double lvOffset, long seed) {
    double[] muStar = Ppca.posteriorMean(Y);
    float[][] mu0 = new float[R][Ppca.d];
    float[][] lv0 = new float[R][Ppca.d];
    float[][] y = new float[R][Ppca.D];
    for (int r = 0; r < R; r++) {
      for (int j = 0; j < Ppca.d; j++) {
        mu0[r][j] = (float) (muStar[j] + muOffset);
        lv0[r][j] = (float) (Ppca.posteriorLogVariance(j) + lvOffset);
      }
      for (int i = 0; i < Ppca.D; i++) {
        y[r][i] = (float) Y[i];
      }
    }
    float[][] wt = new float[Ppca.d][Ppca.D];
    float[] b0 = new float[Ppca.D];
    for (int i = 0; i < Ppca.D; i++) {
      b0[i] = (float) Ppca.B[i];
      for (int j = 0; j < Ppca.d; j++) {
        wt[j][i] = (float) Ppca.W[i][j];
      }
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(tf);
      var mu = p.create("q_mu", Shape.of(R, Ppca.d), (t, dims, type) -> t.constant(mu0));
      var lv = p.create("q_lv", Shape.of(R, Ppca.d), (t, dims, type) -> t.constant(lv0));
      var bias = p.create("dec_b", Shape.of(Ppca.D), (t, dims, type) -> t.constant(b0));
      LatentVariableModel model =
          new LatentVariableModel(
              (t, yy) -> new DiagonalGaussian(mu, lv),
              new StandardNormalPrior(Ppca.d),
              (t, z) -> Gaussian.withFixedSigma(t, t.math.add(Ppca.matMulAnyRank(t, z, wt), bias), Ppca.SIGMA),
              Ppca.D,
              Ppca.d);
      var loss = objective.build(tf, model, tf.constant(y), new ObjectiveContext(tf.constant(0f), new Seed.Sequence(seed)));
      var grads = tf.gradients(loss.total(), p.variables());
      try (Result r = s.runner().fetch(grads.dy(0)).fetch(grads.dy(1)).fetch(grads.dy(2)).run()) {
        float[] gm = Feeds.values(r.get(0));
        float[] gl = Feeds.values(r.get(1));
        for (int i = 0; i < gm.length; i++) {
          gm[i] *= R;
          gl[i] *= R;
        }
        return List.of(gm, gl, Feeds.values(r.get(2)));
      }
    }
  }

  static double[] column(float[] g, int j) {
    double[] c = new double[R];
    for (int r = 0; r < R; r++) {
      c[r] = g[r * Ppca.d + j];
    }
    return c;
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  static double var(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return s / (v.length - 1);
  }

  @Test
  void dregEncoderGradientIsExactlyZeroAtTheTruePosteriorWhileIwaesIsNot() {
    List<float[]> dreg = gradients(GradientEstimator.DREG, 10, 0, 0, 1);
    List<float[]> iwae = gradients(GradientEstimator.IWAE, 10, 0, 0, 1);
    double maxDreg = 0;
    double maxIwae = 0;
    for (int t = 0; t < 2; t++) {
      for (int i = 0; i < R * Ppca.d; i++) {
        maxDreg = Math.max(maxDreg, Math.abs(dreg.get(t)[i]));
        maxIwae = Math.max(maxIwae, Math.abs(iwae.get(t)[i]));
      }
    }
    assertThat(maxDreg).isLessThan(1e-3);
    assertThat(maxIwae).isGreaterThan(0.05);
  }

  @Test
  void dregIsUnbiasedWithLowerVarianceAndLeavesTheDecoderGradientAlone() {
    int k = 20;
    List<float[]> dreg = gradients(GradientEstimator.DREG, k, 0.4, 0.7, 7);
    List<float[]> iwae = gradients(GradientEstimator.IWAE, k, 0.4, 0.7, 7);
    for (int t = 0; t < 2; t++) {
      for (int j = 0; j < Ppca.d; j++) {
        double[] a = column(dreg.get(t), j);
        double[] b = column(iwae.get(t), j);
        double tol = 4 * Math.sqrt(var(a) / R + var(b) / R);
        assertThat(mean(a)).as("param %d dim %d", t, j).isCloseTo(mean(b), within(tol));
        assertThat(var(a)).as("variance, param %d dim %d", t, j).isLessThan(var(b));
      }
    }
    // the mean gradient is not trivially zero here (the encoder is off the posterior)
    assertThat(Math.abs(mean(column(iwae.get(0), 0)))).isGreaterThan(8 * Math.sqrt(var(column(iwae.get(0), 0)) / R));
    // decoder (θ) gradient: Σ w̃ ∇θ ln w for both, with the same draws
    for (int i = 0; i < Ppca.D; i++) {
      assertThat(dreg.get(2)[i]).isCloseTo(iwae.get(2)[i], within(1e-3f * Math.max(1f, Math.abs(iwae.get(2)[i]))));
    }
  }
}
