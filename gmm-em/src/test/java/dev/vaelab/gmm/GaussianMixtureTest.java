package dev.vaelab.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {
  static final double[][] X = {{0.1, 0.3}, {-0.4, 1.2}, {2.2, 2.9}, {3.1, 2.4}, {2.6, 3.8}, {0.5, -0.2}, {-1.0, 0.4}};
  static final double REG = 1e-6;

  static MixtureParameters start() {
    return new MixtureParameters(
        new double[] {0.4, 0.6},
        new double[][] {{0.0, 0.0}, {2.0, 2.0}},
        new double[][][] {{{1.0, 0.2}, {0.2, 0.8}}, {{0.7, -0.1}, {-0.1, 1.1}}});
  }

  /** ln N(x | μ, Σ) for D = 2 by the explicit inverse and determinant. */
  static double logN2(double[] x, double[] mu, double[][] s) {
    double det = s[0][0] * s[1][1] - s[0][1] * s[1][0];
    double a = x[0] - mu[0];
    double b = x[1] - mu[1];
    double q = (s[1][1] * a * a - (s[0][1] + s[1][0]) * a * b + s[0][0] * b * b) / det;
    return -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * q;
  }

  /** One EM step for D = 2, written out independently of the library. */
  static MixtureParameters oneStepByHand(MixtureParameters p, CovarianceType type) {
    int n = X.length;
    double[][] r = new double[n][2];
    for (int i = 0; i < n; i++) {
      double l0 = Math.log(p.weights()[0]) + logN2(X[i], p.means()[0], p.covariances()[0]);
      double l1 = Math.log(p.weights()[1]) + logN2(X[i], p.means()[1], p.covariances()[1]);
      double m = Math.max(l0, l1);
      double norm = m + Math.log(Math.exp(l0 - m) + Math.exp(l1 - m));
      r[i][0] = Math.exp(l0 - norm);
      r[i][1] = Math.exp(l1 - norm);
    }
    double[] w = new double[2];
    double[][] mu = new double[2][2];
    double[][][] full = new double[2][2][2];
    for (int c = 0; c < 2; c++) {
      double nk = 0;
      for (int i = 0; i < n; i++) {
        nk += r[i][c];
      }
      w[c] = nk / n;
      for (int i = 0; i < n; i++) {
        mu[c][0] += r[i][c] * X[i][0] / nk;
        mu[c][1] += r[i][c] * X[i][1] / nk;
      }
      for (int i = 0; i < n; i++) {
        for (int a = 0; a < 2; a++) {
          for (int b = 0; b < 2; b++) {
            full[c][a][b] += r[i][c] * (X[i][a] - mu[c][a]) * (X[i][b] - mu[c][b]) / nk;
          }
        }
      }
    }
    double[][][] cov = new double[2][2][2];
    for (int c = 0; c < 2; c++) {
      switch (type) {
        case FULL -> cov[c] = new double[][] {{full[c][0][0] + REG, full[c][0][1]}, {full[c][1][0], full[c][1][1] + REG}};
        case DIAGONAL -> cov[c] = new double[][] {{full[c][0][0] + REG, 0}, {0, full[c][1][1] + REG}};
        case SPHERICAL -> {
          double v = (full[c][0][0] + full[c][1][1]) / 2 + REG;
          cov[c] = new double[][] {{v, 0}, {0, v}};
        }
        case TIED -> {
          double[][] t = new double[2][2];
          for (int k = 0; k < 2; k++) {
            for (int a = 0; a < 2; a++) {
              for (int b = 0; b < 2; b++) {
                t[a][b] += w[k] * full[k][a][b]; // Σ_k N_k S_k / N_k / N
              }
            }
          }
          t[0][0] += REG;
          t[1][1] += REG;
          cov[c] = t;
        }
      }
    }
    return new MixtureParameters(w, mu, cov);
  }

  @Test
  void oneEmStepMatchesAHandComputationForEveryCovarianceType() {
    for (CovarianceType type : CovarianceType.values()) {
      GaussianMixtureFit fit =
          new GaussianMixture(GaussianMixtureConfig.of(2).withCovarianceType(type).withInitialParameters(start()).withMaxIterations(1)).fit(X);
      MixtureParameters expected = oneStepByHand(start(), type);
      MixtureParameters got = fit.parameters();
      for (int c = 0; c < 2; c++) {
        assertThat(got.weights()[c]).as("%s weight %d", type, c).isCloseTo(expected.weights()[c], within(1e-9));
        for (int a = 0; a < 2; a++) {
          assertThat(got.means()[c][a]).as("%s mean", type).isCloseTo(expected.means()[c][a], within(1e-9));
          for (int b = 0; b < 2; b++) {
            assertThat(got.covariances()[c][a][b]).as("%s cov %d %d %d", type, c, a, b).isCloseTo(expected.covariances()[c][a][b], within(1e-9));
          }
        }
      }
      // the log-likelihood of the first E-step is that of the starting parameters
      double ll = 0;
      for (double[] x : X) {
        double l0 = Math.log(0.4) + logN2(x, start().means()[0], start().covariances()[0]);
        double l1 = Math.log(0.6) + logN2(x, start().means()[1], start().covariances()[1]);
        ll += Math.log(Math.exp(l0) + Math.exp(l1)) / X.length;
      }
      assertThat(fit.trace().get(0).logLikelihood()).isCloseTo(ll, within(1e-10));
    }
  }

  @Test
  void theJavaMStepFromResponsibilitiesAgreesWithTheGraphsEmStep() {
    // the initialisation computes (λ, μ, Σ) from given responsibilities in plain Java; the EM loop
    // gets the same statistics from the TensorFlow graph: one step from the same posterior must agree
    for (CovarianceType type : CovarianceType.values()) {
      GaussianMixtureConfig cfg = GaussianMixtureConfig.of(2).withCovarianceType(type).withInitialParameters(start()).withMaxIterations(1);
      MixtureParameters graphStep = new GaussianMixture(cfg).fit(X).parameters();
      double[][] resp = new GaussianMixtureFit(cfg, start(), java.util.List.of(), 0, false, Double.NaN, java.util.List.of()).predictProba(X);
      MixtureParameters javaStep = MStep.fromResponsibilities(X, resp, type, REG, start().means(), DataChecks.variance(X));
      for (int c = 0; c < 2; c++) {
        assertThat(javaStep.weights()[c]).isCloseTo(graphStep.weights()[c], within(1e-9));
        for (int a = 0; a < 2; a++) {
          assertThat(javaStep.means()[c][a]).isCloseTo(graphStep.means()[c][a], within(1e-9));
          for (int b = 0; b < 2; b++) {
            assertThat(javaStep.covariances()[c][a][b]).as("%s", type).isCloseTo(graphStep.covariances()[c][a][b], within(1e-9));
          }
        }
      }
    }
  }

  static double[][] b4b(int n, long seed) {
    Random r = new Random(seed);
    double[] w = {0.3, 0.5, 0.2};
    double[] m = {-2, 0, 3};
    double[] s = {0.5, 1.0, 0.7};
    double[][] x = new double[n][1];
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      int c = u < w[0] ? 0 : u < w[0] + w[1] ? 1 : 2;
      x[i][0] = m[c] + s[c] * r.nextGaussian();
    }
    return x;
  }

  @Test
  void recoversTheOneDimensionalMixtureOfB4b() {
    double[][] x = b4b(100_000, 0);
    GaussianMixtureFit fit = new GaussianMixture(GaussianMixtureConfig.of(3).withCovarianceType(CovarianceType.DIAGONAL)).fit(x);
    assertThat(fit.converged()).isTrue();
    Integer[] order = {0, 1, 2};
    Arrays.sort(order, (a, b) -> Double.compare(fit.parameters().means()[a][0], fit.parameters().means()[b][0]));
    double[] w = {0.3, 0.5, 0.2};
    double[] m = {-2, 0, 3};
    double[] s = {0.5, 1.0, 0.7};
    for (int i = 0; i < 3; i++) {
      int c = order[i];
      // maximum-likelihood estimates from 100k points: a few standard errors is a few hundredths
      assertThat(fit.parameters().weights()[c]).as("weight %d", i).isCloseTo(w[i], within(0.02));
      assertThat(fit.parameters().means()[c][0]).as("mean %d", i).isCloseTo(m[i], within(0.05));
      assertThat(fit.parameters().standardDeviation(c, 0)).as("sd %d", i).isCloseTo(s[i], within(0.04));
    }
    // at the optimum the fit is at least as likely as the true parameters
    MixtureParameters truth = new MixtureParameters(w, new double[][] {{-2}, {0}, {3}}, new double[][][] {{{0.25}}, {{1.0}}, {{0.49}}});
    GaussianMixtureFit atTruth = new GaussianMixtureFit(fit.config(), truth, java.util.List.of(), 0, true, Double.NaN, java.util.List.of());
    assertThat(fit.trainLogLikelihood()).isGreaterThanOrEqualTo(atTruth.score(x));
  }

  @Test
  void emIsAlternatingOptimisationOfTheElbo() {
    double[][] x = b4b(5000, 3);
    GaussianMixtureFit fit =
        new GaussianMixture(GaussianMixtureConfig.of(3).withCovarianceType(CovarianceType.FULL).withSeed(1).withMaxIterations(60).withTolerance(0)).fit(x);
    boolean someGap = false;
    for (int t = 0; t < fit.trace().size(); t++) {
      EmIteration it = fit.trace().get(t);
      // right after the E-step the ELBO (−rate − distortion of the triad) is the log-likelihood
      assertThat(it.elboAfterEStep()).isCloseTo(it.logLikelihood(), within(1e-9 * Math.abs(it.logLikelihood()) + 1e-12));
      assertThat(it.rate()).isGreaterThanOrEqualTo(-1e-12);
      if (t > 0) {
        // log-likelihood never decreases; before the E-step the ELBO is below it
        assertThat(it.logLikelihood()).isGreaterThanOrEqualTo(fit.trace().get(t - 1).logLikelihood() - 1e-12);
        assertThat(it.elboBeforeEStep()).isLessThanOrEqualTo(it.logLikelihood() + 1e-12);
        // and the M-step raised the ELBO above the previous log-likelihood
        assertThat(it.elboBeforeEStep()).isGreaterThanOrEqualTo(fit.trace().get(t - 1).logLikelihood() - 1e-12);
        someGap |= it.logLikelihood() - it.elboBeforeEStep() > 1e-6;
      } else {
        assertThat(it.elboBeforeEStep()).isNaN();
      }
    }
    assertThat(someGap).isTrue();
  }

  @Test
  void posteriorSamplingAndCriteriaFollowTheirDefinitions() {
    double[][] x = b4b(20_000, 5);
    GaussianMixtureFit fit = new GaussianMixture(GaussianMixtureConfig.of(3).withCovarianceType(CovarianceType.SPHERICAL)).fit(x);
    double[][] p = fit.predictProba(Arrays.copyOf(x, 100));
    int[] hard = fit.predict(Arrays.copyOf(x, 100));
    for (int i = 0; i < 100; i++) {
      assertThat(p[i][0] + p[i][1] + p[i][2]).isCloseTo(1.0, within(1e-12));
      assertThat(p[i][hard[i]]).isEqualTo(Math.max(p[i][0], Math.max(p[i][1], p[i][2])));
    }
    GaussianMixtureFit.Samples s = fit.sample(200_000, 9);
    double mean = 0;
    double expected = 0;
    for (double[] v : s.values()) {
      mean += v[0] / s.values().length;
    }
    for (int c = 0; c < 3; c++) {
      expected += fit.parameters().weights()[c] * fit.parameters().means()[c][0];
    }
    assertThat(mean).isCloseTo(expected, within(0.02));
    // K − 1 + K·D + covariance parameters: 2 + 3 + 3 for spherical in 1-D
    assertThat(fit.parameterCount()).isEqualTo(8);
    double score = fit.score(x);
    assertThat(score).isCloseTo(fit.trainLogLikelihood(), within(1e-9));
    assertThat(fit.bic(x)).isCloseTo(-2 * score * x.length + 8 * Math.log(x.length), within(1e-6));
    assertThat(fit.aic(x)).isCloseTo(-2 * score * x.length + 16, within(1e-6));
    assertThat(CovarianceType.FULL.parameterCount(3, 2)).isEqualTo(9);
    assertThat(CovarianceType.TIED.parameterCount(3, 2)).isEqualTo(3);
  }

  @Test
  void restartsKeepTheBestRun() {
    double[][] x = b4b(3000, 8);
    GaussianMixtureFit fit = new GaussianMixture(GaussianMixtureConfig.of(3).withRestarts(3).withInitialization(Initialization.RANDOM_RESPONSIBILITIES)).fit(x);
    assertThat(fit.restartLogLikelihoods()).hasSize(3);
    assertThat(fit.trainLogLikelihood()).isEqualTo(fit.restartLogLikelihoods().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
  }
}
