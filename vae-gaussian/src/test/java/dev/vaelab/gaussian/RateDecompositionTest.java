package dev.vaelab.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** β-TCVAE's rate decomposition: the graph's MWS estimator against plain Java and against known total correlations. */
class RateDecompositionTest {

  /** Posteriors N(μ_j, s² I) with μ_j ~ N(0, Σ_μ): the aggregate posterior tends to N(0, Σ_μ + s² I). */
  record Posteriors(double[][] mu, double[][] logVar, double[][] z) {
    static Posteriors draw(int n, double rho, double s, long seed) {
      Random r = new Random(seed);
      double[][] mu = new double[n][2];
      double[][] lv = new double[n][2];
      double[][] z = new double[n][2];
      for (int i = 0; i < n; i++) {
        double a = r.nextGaussian();
        double b = rho * a + Math.sqrt(1 - rho * rho) * r.nextGaussian();
        mu[i][0] = a;
        mu[i][1] = b;
        for (int k = 0; k < 2; k++) {
          lv[i][k] = Math.log(s * s);
          z[i][k] = mu[i][k] + s * r.nextGaussian();
        }
      }
      return new Posteriors(mu, lv, z);
    }
  }

  /** The graph's MWS terms of one batch (M = n) with data-set size N. */
  static float[][] mws(Posteriors p, double datasetSize) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      RateDecomposition d = RateDecomposition.estimate(tf, c(tf, p.z()), c(tf, p.mu()), c(tf, p.logVar()), tf.constant((float) datasetSize));
      List<Operand<TFloat32>> outs = List.of(d.mutualInformation(), d.totalCorrelation(), d.dimensionWiseKl());
      Session.Runner r = s.runner();
      outs.forEach(r::fetch);
      try (Result res = r.run()) {
        return new float[][] {dev.vaelab.core.graph.Feeds.values(res.get(0)), dev.vaelab.core.graph.Feeds.values(res.get(1)),
            dev.vaelab.core.graph.Feeds.values(res.get(2))};
      }
    }
  }

  static Operand<TFloat32> c(Ops tf, double[][] v) {
    float[][] f = new float[v.length][v[0].length];
    for (int i = 0; i < v.length; i++) {
      for (int k = 0; k < v[0].length; k++) {
        f[i][k] = (float) v[i][k];
      }
    }
    return tf.constant(f);
  }

  static double mean(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** Each MWS term per example recomputed in plain Java (ln q(z_i) = ln Σ_j q(z_i|x_j) − ln(N M)). */
  @Test
  void theMinibatchWeightedEstimatorMatchesPlainJava() {
    Posteriors p = Posteriors.draw(6, 0.5, 0.7, 2);
    double bigN = 1000;
    float[][] t = mws(p, bigN);
    int m = 6;
    for (int i = 0; i < m; i++) {
      double[] joint = new double[m];
      double[][] dims = new double[2][m];
      for (int j = 0; j < m; j++) {
        for (int k = 0; k < 2; k++) {
          double v = Math.exp(p.logVar()[j][k]);
          double l = -0.5 * Math.log(2 * Math.PI * v) - Math.pow(p.z()[i][k] - p.mu()[j][k], 2) / (2 * v);
          dims[k][j] = l;
          joint[j] += l;
        }
      }
      double lnNm = Math.log(bigN * m);
      double logQz = Math.log(sumExp(joint)) - lnNm;
      double logQzd = Math.log(sumExp(dims[0])) - lnNm + Math.log(sumExp(dims[1])) - lnNm;
      double logQzx = 0;
      double logPz = 0;
      for (int k = 0; k < 2; k++) {
        double v = Math.exp(p.logVar()[i][k]);
        logQzx += -0.5 * Math.log(2 * Math.PI * v) - Math.pow(p.z()[i][k] - p.mu()[i][k], 2) / (2 * v);
        logPz += -0.5 * Math.log(2 * Math.PI) - 0.5 * p.z()[i][k] * p.z()[i][k];
      }
      assertThat((double) t[0][i]).isCloseTo(logQzx - logQz, within(1e-4));
      assertThat((double) t[1][i]).isCloseTo(logQz - logQzd, within(1e-4));
      assertThat((double) t[2][i]).isCloseTo(logQzd - logPz, within(1e-4));
    }
  }

  static double sumExp(double[] v) {
    double s = 0;
    for (double x : v) {
      s += Math.exp(x);
    }
    return s;
  }

  /**
   * Over a whole set (M = N): a factorised aggregate posterior has total correlation ≈ 0; a correlated
   * one N(0, Σ), Σ = Σ_μ + s² I, has TC = ½ (Σ_d ln Σ_dd − ln det Σ). The published MWS normaliser
   * ln(N·M) makes every ln q term ln N too small, so its TC carries the constant (d − 1) ln N (no
   * effect on gradients); with it removed the graph's estimate must match, and the plain-Java M = N
   * estimator (the reported one) must match without any correction.
   */
  @Test
  void totalCorrelationIsZeroForAFactorisedPosteriorAndTheAnalyticValueForACorrelatedOne() {
    int n = 1500;
    double s = 0.5;
    Posteriors independent = Posteriors.draw(n, 0.0, s, 5);
    Posteriors correlated = Posteriors.draw(n, 0.9, s, 6);
    double v = 1 + s * s;
    double analytic = 0.5 * Math.log(v * v / (v * v - 0.81));
    float[][] ti = mws(independent, n);
    float[][] tc = mws(correlated, n);
    double se = standardError(tc[1]);
    double offset = (2 - 1) * Math.log(n);
    assertThat(mean(ti[1]) - offset).as("TC of a factorised q(z), graph").isCloseTo(0, within(4 * standardError(ti[1]) + 0.02));
    assertThat(mean(tc[1]) - offset).as("TC of the correlated q(z) = %.4f, graph (SE %.4f)", analytic, se)
        .isCloseTo(analytic, within(4 * se + 0.02));
    assertThat(mean(tc[0]) - Math.log(n)).as("MI carries + ln N").isCloseTo(RateDecomposition.overDataSet(correlated.mu(),
        correlated.logVar(), correlated.z())[0], within(1e-3));
    double[] java = RateDecomposition.overDataSet(correlated.mu(), correlated.logVar(), correlated.z());
    assertThat(java[1]).as("plain-Java M = N estimate (the reported one)").isCloseTo(analytic, within(4 * se + 0.02));
    assertThat(java[1]).as("and the graph's without its constant").isCloseTo(mean(tc[1]) - offset, within(1e-3));
    assertThat(java[0] + java[1] + java[2]).as("the three terms sum to the rate estimate ln q(z|x) − ln p(z)")
        .isCloseTo(mean(tc[0]) + mean(tc[1]) + mean(tc[2]), within(1e-3));
    assertThat(RateDecomposition.overDataSet(independent.mu(), independent.logVar(), independent.z())[1]).isCloseTo(0, within(0.03));
  }

  static double standardError(float[] v) {
    double m = mean(v);
    double s = 0;
    for (float x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (v.length - 1) / v.length);
  }
}
