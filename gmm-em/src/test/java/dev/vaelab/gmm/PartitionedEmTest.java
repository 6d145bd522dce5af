package dev.vaelab.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** EM over parts (statistics summed over three chunks) follows the single-machine fit from the same start, every covariance form. */
class PartitionedEmTest {
  static double[][] blobs(int n, int d, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      for (int j = 0; j < d; j++) {
        x[i][j] = 3 * c * (j % 2 == 0 ? 1 : -0.5) + (1 + 0.3 * c) * r.nextGaussian() + (j > 0 ? 0.4 * x[i][j - 1] : 0);
      }
    }
    return x;
  }

  @Test
  void partitionedEmEqualsTheSingleMachineFitFromTheSameStart() {
    double[][] x = blobs(1500, 4, 3);
    double[] mean = new double[4];
    for (double[] row : x) {
      for (int j = 0; j < 4; j++) {
        mean[j] += row[j] / x.length;
      }
    }
    for (CovarianceType type : CovarianceType.values()) {
      GaussianMixtureConfig base = GaussianMixtureConfig.of(3).withCovarianceType(type).withSeed(5);
      MixtureParameters start;
      try (GaussianMixtureFit once = new GaussianMixture(base.withMaxIterations(1)).fit(x)) {
        start = once.parameters(); // a k-means++ start, one EM step in
      }
      GaussianMixtureConfig cfg = base.withInitialParameters(start);
      try (GaussianMixtureFit single = new GaussianMixture(cfg).fit(x)) {
        GaussianMixtureFit parts = PartitionedEm.fit(cfg, start, p -> {
          EmStatistics.Scorer s = EmStatistics.scorer(p, type);
          EmStatistics total = new EmStatistics(3, 4, type, mean);
          for (int part = 0; part < 3; part++) { // three chunks, summed as a treeAggregate would
            EmStatistics chunk = new EmStatistics(3, 4, type, mean);
            for (int i = part * 500; i < (part + 1) * 500; i++) {
              chunk.add(x[i], s);
            }
            total.merge(chunk);
          }
          return total;
        });
        assertThat(parts.iterations()).as(type.id()).isEqualTo(single.iterations());
        assertThat(parts.trainLogLikelihood()).as(type.id()).isCloseTo(single.trainLogLikelihood(), within(1e-9 * Math.abs(single.trainLogLikelihood())));
        for (int c = 0; c < 3; c++) {
          assertThat(parts.parameters().weights()[c]).isCloseTo(single.parameters().weights()[c], within(1e-9));
          for (int i = 0; i < 4; i++) {
            assertThat(parts.parameters().means()[c][i]).isCloseTo(single.parameters().means()[c][i], within(1e-9 * (1 + Math.abs(single.parameters().means()[c][i]))));
            for (int j = 0; j < 4; j++) {
              double v = single.parameters().covariances()[c][i][j];
              assertThat(parts.parameters().covariances()[c][i][j]).as("%s Σ[%d][%d][%d]", type.id(), c, i, j).isCloseTo(v, within(1e-9 * (1 + Math.abs(v))));
            }
          }
        }
      }
    }
  }
}
