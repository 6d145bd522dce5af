package dev.vaelab.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RobustnessTest {

  static void assertFinite(MixtureParameters p) {
    for (int c = 0; c < p.components(); c++) {
      assertThat(Double.isFinite(p.weights()[c])).isTrue();
      for (int i = 0; i < p.dimension(); i++) {
        assertThat(Double.isFinite(p.means()[c][i])).isTrue();
        for (int j = 0; j < p.dimension(); j++) {
          assertThat(Double.isFinite(p.covariances()[c][i][j])).isTrue();
        }
      }
    }
  }

  @Test
  void duplicatePointsGiveARegularisedFit() {
    double[][] x = new double[50][2];
    for (int i = 0; i < 50; i++) {
      x[i] = i < 25 ? new double[] {1, 2} : new double[] {-3, 0.5};
    }
    for (CovarianceType t : CovarianceType.values()) {
      GaussianMixtureFit fit = new GaussianMixture(GaussianMixtureConfig.of(2).withCovarianceType(t)).fit(x);
      assertFinite(fit.parameters());
      assertThat(Double.isFinite(fit.trainLogLikelihood())).isTrue();
    }
  }

  @Test
  void moreComponentsThanDistinctPointsLeavesEmptyComponentsHarmless() {
    double[][] x = {{0}, {0}, {0}, {1}, {1}, {5}, {5}, {5}, {5}, {5}};
    GaussianMixtureFit fit = new GaussianMixture(GaussianMixtureConfig.of(5).withCovarianceType(CovarianceType.DIAGONAL)).fit(x);
    assertFinite(fit.parameters());
    double sum = 0;
    for (double w : fit.parameters().weights()) {
      sum += w;
    }
    assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void aComponentThatLosesAllItsPointsKeepsItsParametersAndGetsNoWeight() {
    double[][] x = GaussianMixtureTest.b4b(2000, 1);
    MixtureParameters start =
        new MixtureParameters(new double[] {0.5, 0.5}, new double[][] {{0}, {1000}}, new double[][][] {{{1}}, {{1}}});
    GaussianMixtureFit fit =
        new GaussianMixture(GaussianMixtureConfig.of(2).withCovarianceType(CovarianceType.DIAGONAL).withInitialParameters(start)).fit(x);
    assertFinite(fit.parameters());
    assertThat(fit.parameters().weights()[1]).isLessThan(1e-12);
    assertThat(fit.parameters().means()[1][0]).isEqualTo(1000.0);
  }

  @Test
  void badInputIsRejectedByName() {
    assertThatThrownBy(() -> new GaussianMixture(GaussianMixtureConfig.of(2)).fit(new double[][] {{0, 1}, {Double.NaN, 2}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN")
        .hasMessageContaining("row 1, column 0");
    assertThatThrownBy(() -> new GaussianMixture(GaussianMixtureConfig.of(2)).fit(new double[][] {{0, 1}, {Double.POSITIVE_INFINITY, 2}}))
        .hasMessageContaining("Infinity");
    assertThatThrownBy(() -> new GaussianMixture(GaussianMixtureConfig.of(4)).fit(new double[][] {{0}, {1}, {2}}))
        .hasMessageContaining("K = 4 is larger than the number of points N = 3");
    assertThatThrownBy(() -> GaussianMixtureConfig.of(0)).hasMessageContaining("K must be >= 1, got 0");
    assertThatThrownBy(() -> GaussianMixtureConfig.of(2).withRegularization(-1)).hasMessageContaining("regularization");
    assertThatThrownBy(() -> new GaussianMixture(GaussianMixtureConfig.of(1)).fit(new double[][] {{0, 1}, {2}}))
        .hasMessageContaining("row 1 has 1 values, expected 2");
    assertThatThrownBy(() -> CovarianceType.fromName("banded")).hasMessageContaining("full");
    assertThat(CovarianceType.fromName("diag")).isEqualTo(CovarianceType.DIAGONAL);
  }

  @Test
  void zeroRegularisationOnASingularComponentFailsWithAClearMessage() {
    double[][] x = new double[20][2];
    for (int i = 0; i < 20; i++) {
      x[i] = new double[] {i, 2.0 * i}; // all points on a line: a singular full covariance
    }
    assertThatThrownBy(() -> new GaussianMixture(GaussianMixtureConfig.of(1).withRegularization(0)).fit(x))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not positive definite")
        .hasMessageContaining("regularisation");
  }
}
