package dev.vaelab.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sample-quality metrics against closed forms, explicit sums and point sets whose answer is known. */
class SampleMetricsTest {
  static double[][] gaussian(int n, double[] mu, double[] sigma, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][mu.length];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < mu.length; j++) {
        x[i][j] = mu[j] + sigma[j] * r.nextGaussian();
      }
    }
    return x;
  }

  @Test
  void theFrechetDistanceOfSamplesApproachesTheClosedFormOfTheirGaussians() {
    // diagonal Gaussians: d² = Σ (μ₁ − μ₂)² + Σ (σ₁ − σ₂)²
    double[] mu1 = {0, 1, -2};
    double[] s1 = {1, 0.5, 2};
    double[] mu2 = {0.5, 1, -1};
    double[] s2 = {1.5, 0.5, 1};
    double exact = 0;
    for (int j = 0; j < 3; j++) {
      exact += (mu1[j] - mu2[j]) * (mu1[j] - mu2[j]) + (s1[j] - s2[j]) * (s1[j] - s2[j]);
    }
    double estimate = FrechetDistance.squared(gaussian(40_000, mu1, s1, 1), gaussian(40_000, mu2, s2, 2));
    assertThat(exact).isEqualTo(2.5);
    assertThat(estimate).isCloseTo(exact, within(0.06));
    assertThat(FrechetDistance.squared(gaussian(1000, mu1, s1, 3), gaussian(1000, mu1, s1, 3))).isCloseTo(0, within(1e-9));
  }

  @Test
  void withFullCovariancesItIsTheDirectFormulaOfTwoByTwoMatrices() {
    // 2 × 2: Tr((Σ₁Σ₂)^½) = √(Tr(Σ₁Σ₂) + 2 √(det Σ₁ det Σ₂)), since the eigenvalues of Σ₁Σ₂ are ≥ 0
    double[][] x = {{0, 0}, {1, 2}, {2, 1}, {3, 4}, {-1, 0.5}};
    double[][] y = {{1, 1}, {0, -1}, {2, 3}, {1, 0}};
    FeatureStatistics a = FeatureStatistics.of(x);
    FeatureStatistics b = FeatureStatistics.of(y);
    double[][] p = a.covariance();
    double[][] q = b.covariance();
    // the covariance itself, recomputed: Σ = Σ_i (x_i − μ)(x_i − μ)ᵀ / (n − 1)
    double mx = (0 + 1 + 2 + 3 - 1) / 5.0;
    double my = (0 + 2 + 1 + 4 + 0.5) / 5.0;
    double sxy = 0;
    for (double[] r : x) {
      sxy += (r[0] - mx) * (r[1] - my);
    }
    assertThat(p[0][1]).isCloseTo(sxy / 4, within(1e-12));
    double trPq = p[0][0] * q[0][0] + p[0][1] * q[1][0] + p[1][0] * q[0][1] + p[1][1] * q[1][1];
    double det = (p[0][0] * p[1][1] - p[0][1] * p[1][0]) * (q[0][0] * q[1][1] - q[0][1] * q[1][0]);
    double dm = Math.pow(a.mean()[0] - b.mean()[0], 2) + Math.pow(a.mean()[1] - b.mean()[1], 2);
    double direct = dm + p[0][0] + p[1][1] + q[0][0] + q[1][1] - 2 * Math.sqrt(trPq + 2 * Math.sqrt(det));
    assertThat(FrechetDistance.squared(a, b)).isCloseTo(direct, within(1e-9));
    assertThatThrownBy(() -> FrechetDistance.squared(x, new double[][] {{1, 2, 3}, {4, 5, 6}})).hasMessageContaining("dimensions 2 and 3");
    assertThatThrownBy(() -> FrechetDistance.squared(new double[][] {{Double.NaN, 1}, {1, 1}}, x)).hasMessageContaining("non-finite");
  }

  @Test
  void theKernelDistanceIsTheUnbiasedEstimatorWrittenAsItsDoubleSums() {
    double[][] x = gaussian(30, new double[] {0, 0, 0}, new double[] {1, 1, 1}, 4);
    double[][] y = gaussian(25, new double[] {1, 0, 0}, new double[] {1, 2, 1}, 5);
    double kxx = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        if (i != j) {
          kxx += Math.pow((x[i][0] * x[j][0] + x[i][1] * x[j][1] + x[i][2] * x[j][2]) / 3 + 1, 3);
        }
      }
    }
    double kyy = 0;
    for (int i = 0; i < y.length; i++) {
      for (int j = 0; j < y.length; j++) {
        if (i != j) {
          kyy += Math.pow((y[i][0] * y[j][0] + y[i][1] * y[j][1] + y[i][2] * y[j][2]) / 3 + 1, 3);
        }
      }
    }
    double kxy = 0;
    for (double[] a : x) {
      for (double[] b : y) {
        kxy += Math.pow((a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / 3 + 1, 3);
      }
    }
    double explicit = kxx / (30 * 29) + kyy / (25 * 24) - 2 * kxy / (30 * 25);
    assertThat(KernelDistance.unbiasedMmd2(x, y)).isCloseTo(explicit, within(1e-9 * Math.abs(explicit)));
    // one subset holding every vector is the estimator on the whole sets (it does not depend on their order)
    double[][] x25 = java.util.Arrays.copyOf(x, 25);
    assertThat(KernelDistance.of(x25, y, 1, 25, 7).mean()).isCloseTo(KernelDistance.unbiasedMmd2(x25, y), within(1e-9));
  }

  @Test
  void theKernelDistanceIsNearZeroForOneDistributionAndPositiveForTwo() {
    double[] mu = {0, 0, 0, 0};
    double[] one = {1, 1, 1, 1};
    KernelDistance same = KernelDistance.of(gaussian(2000, mu, one, 6), gaussian(2000, mu, one, 7), 20, 500, 1);
    KernelDistance shifted = KernelDistance.of(gaussian(2000, mu, one, 6), gaussian(2000, new double[] {1, 0, 0, 0}, one, 8), 20, 500, 1);
    assertThat(Math.abs(same.mean())).isLessThan(3 * same.sd() / Math.sqrt(20) + 1e-3);
    assertThat(shifted.mean()).isGreaterThan(10 * Math.max(shifted.sd() / Math.sqrt(20), Math.abs(same.mean())));
    assertThat(shifted.subsets()).isEqualTo(20);
    assertThat(shifted.subsetSize()).isEqualTo(500);
  }

  @Test
  void precisionAndRecallOfPointSetsWhoseAnswerIsKnown() {
    // real: (0,0) … (9,0); generated: copies of the first five, and five far away
    double[][] real = new double[10][];
    double[][] generated = new double[10][];
    for (int i = 0; i < 10; i++) {
      real[i] = new double[] {i, 0};
      generated[i] = i < 5 ? new double[] {i, 0} : new double[] {1000 + i, 1000};
    }
    PrecisionRecall pr = PrecisionRecall.of(real, generated, 3);
    // the five copies lie in the real balls; the far five in none
    assertThat(pr.precision()).isEqualTo(0.5);
    // balls of the copies, radius the 3rd-nearest distance among the generated: 3, 2, 2, 2, 3 around x = 0 … 4 —
    // they cover x = 0 … 7 of the real points, 8 of 10
    assertThat(pr.recall()).isEqualTo(0.8);
    PrecisionRecall self = PrecisionRecall.of(real, real, 3);
    assertThat(self.precision()).isEqualTo(1.0);
    assertThat(self.recall()).isEqualTo(1.0);
  }
}
