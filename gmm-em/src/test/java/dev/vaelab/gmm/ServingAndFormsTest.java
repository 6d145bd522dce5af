package dev.vaelab.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The covariance-specific E-steps, the blocked statistics and the plain-Java scorer against independent arithmetic. */
class ServingAndFormsTest {
  static double[][] points(int n, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][3];
    for (double[] row : x) {
      int c = r.nextInt(3);
      row[0] = 4 * c + r.nextGaussian();
      row[1] = -2 * c + 0.5 * r.nextGaussian() + 0.3 * row[0];
      row[2] = 100 + c + 0.7 * r.nextGaussian(); // far from the origin: the scatter must not cancel
    }
    return x;
  }

  /** ln N(y; μ, Σ) with Σ⁻¹ and |Σ| of a 3 × 3 matrix by cofactors (no Cholesky). */
  static double logGaussian(double[] y, double[] mu, double[][] s) {
    double det = s[0][0] * (s[1][1] * s[2][2] - s[1][2] * s[2][1]) - s[0][1] * (s[1][0] * s[2][2] - s[1][2] * s[2][0])
        + s[0][2] * (s[1][0] * s[2][1] - s[1][1] * s[2][0]);
    double q = 0;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        int i1 = (j + 1) % 3;
        int i2 = (j + 2) % 3;
        int j1 = (i + 1) % 3;
        int j2 = (i + 2) % 3;
        double inv = (s[i1][j1] * s[i2][j2] - s[i1][j2] * s[i2][j1]) / det;
        q += (y[i] - mu[i]) * inv * (y[j] - mu[j]);
      }
    }
    return -0.5 * (q + Math.log(Math.pow(2 * Math.PI, 3) * det));
  }

  /** ln Σ_n λ_n N(y; μ_n, Σ_n), by cofactors. */
  static double logDensity(double[] y, MixtureParameters p) {
    double total = 0;
    for (int n = 0; n < p.components(); n++) {
      total += p.weights()[n] * Math.exp(logGaussian(y, p.means()[n], p.covariances()[n]));
    }
    return Math.log(total);
  }

  @Test
  void oneRowAndBatchedCallsGiveTheIndependentlyComputedDensityForEveryCovarianceType() {
    double[][] x = points(3000, 1);
    for (CovarianceType type : CovarianceType.values()) {
      try (GaussianMixtureFit fit = new GaussianMixture(GaussianMixtureConfig.of(3).withCovarianceType(type).withSeed(2)).fit(x)) {
        double[][] rows = java.util.Arrays.copyOf(x, 50); // > SMALL_CALL_ROWS: the graph
        double[] batched = fit.logLikelihoods(rows);
        double[][] proba = fit.predictProba(rows);
        for (int i = 0; i < rows.length; i++) {
          double expected = logDensity(rows[i], fit.parameters());
          assertThat(batched[i]).as("%s graph row %d", type, i).isCloseTo(expected, within(1e-8));
          assertThat(fit.logLikelihood(rows[i])).as("%s plain Java row %d", type, i).isCloseTo(expected, within(1e-8));
          double[] one = fit.predictProba(rows[i]);
          for (int c = 0; c < 3; c++) {
            assertThat(one[c]).isCloseTo(proba[i][c], within(1e-10));
          }
        }
      }
    }
  }

  @Test
  void theDiagonalAndTiedFormsGiveTheFullFormsStatistics() {
    double[][] x = points(2500, 3);
    Random r = new Random(4);
    double[][] means = {{0, 0, 100}, {4, -1, 101}, {8, -3, 102}};
    double[][][] diag = new double[3][3][3];
    double[][][] tied = new double[3][][];
    double[][] shared = {{2, 0.3, 0.1}, {0.3, 1, 0.2}, {0.1, 0.2, 0.8}};
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < 3; j++) {
        diag[c][j][j] = 0.5 + r.nextDouble();
      }
      tied[c] = shared;
    }
    double[] w = {0.2, 0.3, 0.5};
    for (CovarianceType type : new CovarianceType[] {CovarianceType.DIAGONAL, CovarianceType.TIED}) {
      MixtureParameters p = new MixtureParameters(w, means, type == CovarianceType.TIED ? tied : diag);
      assertThat(EmGraph.formFits(p, type)).isTrue();
      try (EmGraph form = new EmGraph(3, 3, type); EmGraph full = new EmGraph(3, 3, CovarianceType.FULL);
          EmGraph.Data a = form.data(x); EmGraph.Data b = new EmGraph.Data(x, 97)) { // b: many small blocks
        EmGraph.Step s = form.run(a, p, true);
        EmGraph.Step t = full.run(b, p, true);
        assertThat(s.sumLogLikelihood()).isCloseTo(t.sumLogLikelihood(), within(1e-8));
        assertThat(s.rateSum()).isCloseTo(t.rateSum(), within(1e-8));
        assertThat(s.distortionSum()).isCloseTo(t.distortionSum(), within(1e-8));
        for (int c = 0; c < 3; c++) {
          assertThat(s.counts()[c]).isCloseTo(t.counts()[c], within(1e-8));
          for (int i = 0; i < 3; i++) {
            assertThat(s.newMeans()[c][i]).isCloseTo(t.newMeans()[c][i], within(1e-9));
            for (int j = 0; j < 3; j++) {
              if (type == CovarianceType.TIED || i == j) {
                assertThat(s.scatter()[c][i][j]).as("%s scatter %d %d %d", type, c, i, j).isCloseTo(t.scatter()[c][i][j], within(1e-6));
              }
            }
          }
        }
      }
    }
  }

  @Test
  void theScatterAboutTheDataMeanEqualsTheScatterAboutTheNewMeansComputedDirectly() {
    double[][] x = points(1500, 5);
    MixtureParameters p = new MixtureParameters(new double[] {0.3, 0.3, 0.4}, new double[][] {{0, 0, 100}, {4, -1, 101}, {8, -3, 102}},
        new double[][][] {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, {{2, 0.5, 0}, {0.5, 1, 0}, {0, 0, 1}}, {{1, 0, 0.2}, {0, 1, 0}, {0.2, 0, 1}}});
    double[][] resp;
    double[] ll = new double[x.length];
    try (EmGraph g = new EmGraph(3, 3, CovarianceType.FULL); EmGraph.Data data = g.data(x)) {
      resp = g.logResponsibilities(data, p, ll);
      EmGraph.Step s = g.run(data, p, true);
      for (int c = 0; c < 3; c++) {
        double nk = 0;
        double[] mu = new double[3];
        for (int i = 0; i < x.length; i++) {
          double q = Math.exp(resp[i][c]);
          nk += q;
          for (int a = 0; a < 3; a++) {
            mu[a] += q * x[i][a];
          }
        }
        for (int a = 0; a < 3; a++) {
          mu[a] /= nk + EmGraph.EPS;
        }
        for (int a = 0; a < 3; a++) {
          for (int b = 0; b < 3; b++) {
            double sab = 0;
            for (int i = 0; i < x.length; i++) {
              sab += Math.exp(resp[i][c]) * (x[i][a] - mu[a]) * (x[i][b] - mu[b]);
            }
            assertThat(s.scatter()[c][a][b]).as("S_%d[%d][%d]", c, a, b).isCloseTo(sab, within(1e-7 * Math.max(1, Math.abs(sab))));
          }
        }
      }
    }
  }

  @Test
  void aRowOfTheWrongSizeOrNotFiniteIsRefused() {
    try (GaussianMixtureFit fit = new GaussianMixture(GaussianMixtureConfig.of(2)).fit(points(200, 7))) {
      assertThatThrownBy(() -> fit.predictProba(new double[2])).hasMessageContaining("dimension 2").hasMessageContaining("mixture 3");
      assertThatThrownBy(() -> fit.logLikelihood(new double[] {1, Double.NaN, 0})).hasMessageContaining("NaN");
    }
  }

  @Test
  void theStartFromHardLabelsEqualsTheStartFromOneHotResponsibilities() {
    double[][] x = points(900, 11);
    int[] labels = new int[x.length];
    double[][] r = new double[x.length][4];
    Random random = new Random(12);
    for (int i = 0; i < x.length; i++) {
      labels[i] = random.nextInt(3); // component 3 stays empty: the fallback path too
      r[i][labels[i]] = 1;
    }
    double[][] fallback = {x[0], x[1], x[2], x[3]};
    for (CovarianceType type : CovarianceType.values()) {
      MixtureParameters a = MStep.fromLabels(x, labels, 4, type, 1e-6, fallback, DataChecks.variance(x));
      MixtureParameters b = MStep.fromResponsibilities(x, r, type, 1e-6, fallback, DataChecks.variance(x));
      for (int c = 0; c < 4; c++) {
        assertThat(a.weights()[c]).isEqualTo(b.weights()[c]);
        assertThat(a.means()[c]).containsExactly(b.means()[c]);
        for (int i = 0; i < 3; i++) {
          assertThat(a.covariances()[c][i]).as("%s cov %d %d", type, c, i).containsExactly(b.covariances()[c][i]);
        }
      }
    }
  }

  @Test
  void rateDistortionAndEntropyOfEveryFormAreTheTriadsTermsRecomputedByHand() {
    double[][] x = points(1200, 13);
    double[][] means = {{0, 0, 100}, {4, -1, 101}, {8, -3, 102}};
    double[] w = {0.25, 0.35, 0.4};
    double[][] shared = {{2, 0.3, 0.1}, {0.3, 1, 0.2}, {0.1, 0.2, 0.8}};
    double[][][] full = {shared, {{1, 0.2, 0}, {0.2, 2, 0.1}, {0, 0.1, 0.5}}, {{0.7, 0, 0.1}, {0, 0.9, 0}, {0.1, 0, 1.5}}};
    double[][][] diag = {{{1.5, 0, 0}, {0, 0.5, 0}, {0, 0, 2}}, {{0.8, 0, 0}, {0, 1.2, 0}, {0, 0, 0.6}}, {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
    for (CovarianceType type : CovarianceType.values()) {
      double[][][] cov = switch (type) {
        case FULL -> full;
        case TIED -> new double[][][] {shared, shared, shared};
        default -> diag;
      };
      MixtureParameters p = new MixtureParameters(w, means, cov);
      double rate = 0;
      double distortion = 0;
      double entropy = 0;
      double sumLogLik = 0;
      for (double[] y : x) {
        double[] lnN = new double[3];
        double lnP = logDensity(y, p);
        sumLogLik += lnP;
        for (int n = 0; n < 3; n++) {
          lnN[n] = logGaussian(y, means[n], cov[n]);
          double lnQ = Math.log(w[n]) + lnN[n] - lnP; // the exact posterior
          double q = Math.exp(lnQ);
          rate += q * (lnQ - Math.log(w[n]));
          distortion -= q * lnN[n];
          entropy -= q * lnQ;
        }
      }
      try (EmGraph g = new EmGraph(3, 3, type); EmGraph.Data data = g.data(x)) {
        EmGraph.Step s = g.run(data, p, true);
        assertThat(s.sumLogLikelihood()).as("%s ln p", type).isCloseTo(sumLogLik, within(1e-8 * Math.abs(sumLogLik)));
        assertThat(s.rateSum()).as("%s rate", type).isCloseTo(rate, within(1e-8 * Math.abs(rate)));
        assertThat(s.distortionSum()).as("%s distortion", type).isCloseTo(distortion, within(1e-8 * Math.abs(distortion)));
        assertThat(s.entropySum()).as("%s entropy", type).isCloseTo(entropy, within(1e-8 * Math.abs(entropy)));
      }
    }
  }
}
