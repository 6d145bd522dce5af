package dev.vaelab.gaussian.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.nn.Made;
import dev.vaelab.core.nn.Parameters;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Issue 28: the planar and inverse autoregressive steps — log-determinants against numerical Jacobians, the planar
 * invertibility condition, the autoregressive property by perturbation — and flow posteriors whose importance-sampled
 * estimate at the exact posterior of a linear-Gaussian model is ln p(y).
 */
class FlowStepsTest {
  static final int D = 3;
  static final double H = 1e-2;

  /** A graph with one flow step on a fed z [1, D]; evaluates f(z) and ln |det J| at given points. */
  static final class StepProbe implements AutoCloseable {
    final Graph g = new Graph();
    final Ops tf = Ops.create(g);
    final Parameters params = new Parameters(tf);
    final Placeholder<TFloat32> z = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, D)));
    Operand<TFloat32> out;
    Operand<TFloat32> logDet;
    Session session;

    void build(FlowStep step, Operand<TFloat32> context) {
      FlowStep.Step s = step.apply(tf, z, context);
      out = s.z();
      logDet = s.logDet();
    }

    void assign(String name, float[] value) {
      try (Result r = session().runner().addTarget(tf.assign(params.variable(name), tf.constant(value))).run()) {
        r.size(); // targets only: nothing fetched
      }
    }

    Session session() {
      if (session == null) {
        session = new Session(g);
        try (TFloat32 zero = TFloat32.tensorOf(Shape.of(1, D), DataBuffers.of(new float[D]));
            Result r = session.runner().fetch(out).feed(z, zero).run()) {
          r.size(); // the first run initialises the variables
        }
      }
      return session;
    }

    float[][] at(double[] point) {
      float[] p = new float[D];
      for (int i = 0; i < D; i++) {
        p[i] = (float) point[i];
      }
      try (TFloat32 t = TFloat32.tensorOf(Shape.of(1, D), DataBuffers.of(p));
          Result r = session().runner().feed(z, t).fetch(out).fetch(logDet).run()) {
        return new float[][] {Feeds.values(r.get(0)), Feeds.values(r.get(1))};
      }
    }

    /** ∂f_i/∂z_j by central differences. */
    double[][] jacobian(double[] point) {
      double[][] j = new double[D][D];
      for (int c = 0; c < D; c++) {
        double[] up = point.clone();
        double[] down = point.clone();
        up[c] += H;
        down[c] -= H;
        float[] fu = at(up)[0];
        float[] fd = at(down)[0];
        for (int r = 0; r < D; r++) {
          j[r][c] = (fu[r] - fd[r]) / (2 * H);
        }
      }
      return j;
    }

    @Override
    public void close() {
      if (session != null) {
        session.close();
      }
      g.close();
    }
  }

  @Test
  void planarLogDeterminantIsTheLogOfTheNumericalJacobiansDeterminant() {
    try (StepProbe p = new StepProbe()) {
      PlanarFlow f = new PlanarFlow(p.params, "p", D, 3);
      p.build(f, null);
      p.assign("p_u", new float[] {1.5f, -2f, 0.7f});
      p.assign("p_w", new float[] {0.8f, 0.3f, -1.2f});
      p.assign("p_b", new float[] {0.4f});
      for (double[] point : new double[][] {{0.3, -0.2, 0.5}, {-1, 2, 0.1}, {0.05, 0.1, 0.2}}) {
        double det = CommonOps_DDRM.det(new DMatrixRMaj(p.jacobian(point)));
        assertThat((double) p.at(point)[1][0]).isCloseTo(Math.log(Math.abs(det)), within(2e-3));
        assertThat(det).isPositive(); // the reparameterised û keeps the map orientation-preserving
      }
    }
  }

  @Test
  void planarUHatSatisfiesTheInvertibilityCondition() {
    Random r = new Random(4);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Parameters params = new Parameters(tf);
      PlanarFlow f = new PlanarFlow(params, "p", D, 5);
      Operand<TFloat32> uHat = f.uHat(tf);
      try (Session s = new Session(g)) {
        for (int rep = 0; rep < 20; rep++) {
          float[] u = new float[D];
          float[] w = new float[D];
          for (int i = 0; i < D; i++) {
            u[i] = (float) (3 * r.nextGaussian());
            w[i] = (float) (3 * r.nextGaussian());
          }
          try (Result a = s.runner().addTarget(tf.assign(params.variable("p_u"), tf.constant(u))).addTarget(tf.assign(params.variable("p_w"), tf.constant(w))).run()) {
            a.size(); // targets only
          }
          try (Result res = s.runner().fetch(uHat).run()) {
            float[] uh = Feeds.values(res.get(0));
            double wu = 0;
            double wuh = 0;
            double ww = 0;
            for (int i = 0; i < D; i++) {
              wu += w[i] * u[i];
              wuh += w[i] * uh[i];
              ww += w[i] * w[i];
            }
            // wᵀû = m(wᵀu) = −1 + softplus(wᵀu) > −1 (in single precision ≥ −1 up to rounding), recomputed from u and w
            assertThat(wuh).isGreaterThanOrEqualTo(-1 - 1e-6).isCloseTo(-1 + Math.log1p(Math.exp(wu)), within(1e-3 * (1 + Math.abs(wu))));
            // û − u is along w
            for (int i = 0; i < D; i++) {
              assertThat((double) (uh[i] - u[i])).isCloseTo((wuh - wu) / ww * w[i], within(1e-3 * (1 + Math.abs(wu))));
            }
          }
        }
      }
    }
  }

  @Test
  void iafStepIsAutoregressiveAndItsLogDeterminantIsTheSumOfItsLogGates() {
    for (boolean reversed : new boolean[] {false, true}) {
      try (StepProbe p = new StepProbe()) {
        InverseAutoregressiveFlow f = new InverseAutoregressiveFlow(p.params, "iaf", D, 4, new int[] {16, 16}, reversed, 11);
        p.build(f, p.tf.constant(new float[][] {{0.5f, -1f, 2f, 0.3f}}));
        double[] point = {0.4, -1.3, 0.8};
        double[][] j = p.jacobian(point);
        double logDiag = 0;
        for (int i = 0; i < D; i++) {
          for (int c = 0; c < D; c++) {
            // z'_i depends on z_c only for c ≤ i in the step's order (c ≥ i when reversed)
            boolean mayDepend = reversed ? c >= i : c <= i;
            if (!mayDepend) {
              assertThat(j[i][c]).as("∂z'_%d/∂z_%d (reversed %s)", i, c, reversed).isCloseTo(0, within(1e-6));
            }
          }
          assertThat(j[i][i]).isBetween(0.0, 1.0); // a gate σ_i in (0, 1)
          logDiag += Math.log(j[i][i]);
        }
        assertThat((double) p.at(point)[1][0]).isCloseTo(logDiag, within(2e-3));
      }
    }
  }

  @Test
  void madeOutputIDoesNotMoveWhenInputsFromIOnChange() {
    int d = 5;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Made made = new Made(new Parameters(tf), "m", d, 0, new int[] {12, 12}, 2, 3);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, d)));
      List<Operand<TFloat32>> heads = made.apply(tf, x, null);
      try (Session s = new Session(g)) {
        float[] base = {0.3f, -0.7f, 1.1f, 0.2f, -0.4f};
        float[][] at = run(s, x, heads, base);
        for (int j = 0; j < d; j++) {
          float[] moved = base.clone();
          moved[j] += 1.7f;
          float[][] after = run(s, x, heads, moved);
          for (int h = 0; h < 2; h++) {
            for (int i = 0; i <= j; i++) {
              assertThat(after[h][i]).as("head %d output %d after input %d moved", h, i, j).isEqualTo(at[h][i]);
            }
          }
          if (j + 1 < d) {
            moved[j] += 5f; // a larger move, so some path through the ReLUs is open
            assertThat(run(s, x, heads, moved)[1][d - 1]).as("the last output sees input %d", j).isNotEqualTo(at[1][d - 1]);
          }
        }
      }
    }
  }

  static float[][] run(Session s, Placeholder<TFloat32> x, List<Operand<TFloat32>> heads, float[] v) {
    try (TFloat32 t = TFloat32.tensorOf(Shape.of(1, v.length), DataBuffers.of(v));
        Result r = s.runner().feed(x, t).fetch(heads.get(0)).fetch(heads.get(1)).run()) {
      return new float[][] {Feeds.values(r.get(0)), Feeds.values(r.get(1))};
    }
  }

  /**
   * p(z) = N(0, I₂), p(y|z) = N(Wz + b, σ² I₃) with orthogonal columns of W, so the exact posterior is the diagonal
   * Gaussian N(μ, Σ), Σ = (I + WᵀW/σ²)⁻¹, μ = Σ Wᵀ(y − b)/σ². A flow posterior on it — planar steps, and IAF steps with a
   * context — has ELBO ≤ ln p(y), and its importance-sampled estimate is ln p(y) = ln N(y; b, WWᵀ + σ²I).
   */
  @Test
  void flowPosteriorsAtTheExactPosteriorGiveLnPOfY() {
    double[][] w = {{1.0, 0.5}, {-1.0, 0.5}, {0.0, 1.0}}; // columns orthogonal: (1,−1,0)·(0.5,0.5,1) = 0
    double[] b = {0.2, -0.1, 0.3};
    double sigma2 = 0.5;
    double[] y = {1.1, -0.4, 0.9};
    // ln N(y; b, C), C = WWᵀ + σ²I
    DMatrixRMaj wm = new DMatrixRMaj(w);
    DMatrixRMaj cov = new DMatrixRMaj(3, 3);
    CommonOps_DDRM.multTransB(wm, wm, cov);
    for (int i = 0; i < 3; i++) {
      cov.add(i, i, sigma2);
    }
    DMatrixRMaj r = new DMatrixRMaj(3, 1);
    for (int i = 0; i < 3; i++) {
      r.set(i, 0, y[i] - b[i]);
    }
    DMatrixRMaj inv = cov.copy();
    CommonOps_DDRM.invert(inv);
    DMatrixRMaj ir = new DMatrixRMaj(3, 1);
    CommonOps_DDRM.mult(inv, r, ir);
    double quad = 0;
    for (int i = 0; i < 3; i++) {
      quad += r.get(i, 0) * ir.get(i, 0);
    }
    double lnPy = -0.5 * (quad + Math.log(CommonOps_DDRM.det(cov)) + 3 * Math.log(2 * Math.PI));
    float[] mu = new float[2];
    float[] logVar = new float[2];
    for (int k = 0; k < 2; k++) {
      double wtw = 0;
      double wtr = 0;
      for (int i = 0; i < 3; i++) {
        wtw += w[i][k] * w[i][k];
        wtr += w[i][k] * r.get(i, 0);
      }
      double s = 1 / (1 + wtw / sigma2);
      mu[k] = (float) (s * wtr / sigma2);
      logVar[k] = (float) Math.log(s);
    }
    for (String kind : new String[] {"planar", "iaf"}) {
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        Parameters params = new Parameters(tf);
        List<FlowStep> steps = kind.equals("planar")
            ? List.of(new PlanarFlow(params, "p0", 2, 1), new PlanarFlow(params, "p1", 2, 2))
            : List.of(new InverseAutoregressiveFlow(params, "i0", 2, 3, new int[] {8}, false, 1),
                new InverseAutoregressiveFlow(params, "i1", 2, 3, new int[] {8}, true, 2));
        Operand<TFloat32> context = kind.equals("planar") ? null : tf.constant(new float[][] {{0.2f, -0.5f, 1f}});
        FlowPosterior q = new FlowPosterior(new DiagonalGaussian(tf.constant(new float[][] {mu}), tf.constant(new float[][] {logVar})), steps, context);
        int k = 40000;
        Operand<TFloat32> z = q.sample(tf, tf.constant(new int[] {k, 1, 2}), new Seed(5, 6));
        DiagonalGaussian prior = new DiagonalGaussian(tf.zerosLike(z), tf.zerosLike(z));
        Operand<TFloat32> mean = tf.math.add(tf.linalg.matMul(tf.reshape(z, tf.constant(new int[] {k, 2})), tf.constant(transpose(w))), tf.constant(toFloat(b)));
        DiagonalGaussian lik = new DiagonalGaussian(mean, tf.fill(tf.constant(new int[] {k, 3}), tf.constant((float) Math.log(sigma2))));
        Operand<TFloat32> logW = tf.math.sub(tf.math.add(tf.reshape(prior.logProb(tf, z), tf.constant(new int[] {k})),
            lik.logProb(tf, tf.constant(new float[][] {toFloat(y)}))), tf.reshape(q.logProb(tf, z), tf.constant(new int[] {k})));
        try (Session s = new Session(g); Result res = s.runner().fetch(logW).run()) {
          float[] lw = Feeds.values(res.get(0));
          double max = Double.NEGATIVE_INFINITY;
          double mean1 = 0;
          for (float v : lw) {
            max = Math.max(max, v);
            mean1 += v / (double) k;
          }
          double sum = 0;
          double sum2 = 0;
          for (float v : lw) {
            double e = Math.exp(v - max);
            sum += e;
            sum2 += e * e;
          }
          double estimate = max + Math.log(sum / k);
          // delta-method standard error of ln mean(w): sd(w) / (√K mean(w))
          double meanW = sum / k;
          double se = Math.sqrt(Math.max(0, sum2 / k - meanW * meanW) / k) / meanW;
          assertThat(mean1).as("%s: the ELBO is below ln p(y)", kind).isLessThanOrEqualTo(lnPy + 1e-4);
          assertThat(se).as("%s: the weights are informative (a wrong log-determinant of a step moves the estimate by tenths of a nat)", kind).isLessThan(0.05);
          assertThat(estimate).as("%s: the importance-sampled ln p(y), SE %.4f", kind, se).isCloseTo(lnPy, within(4 * se + 1e-4));
        }
      }
    }
  }

  static float[][] transpose(double[][] w) {
    float[][] t = new float[w[0].length][w.length];
    for (int i = 0; i < w.length; i++) {
      for (int j = 0; j < w[0].length; j++) {
        t[j][i] = (float) w[i][j];
      }
    }
    return t;
  }

  static float[] toFloat(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      f[i] = (float) x[i];
    }
    return f;
  }
}
