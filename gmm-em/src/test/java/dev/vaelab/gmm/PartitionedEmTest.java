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
        for (int t = 0; t < single.iterations(); t++) { // the trace: ELBO before and after the E-step, rate, distortion
          EmIteration a = single.trace().get(t);
          EmIteration b = parts.trace().get(t);
          assertThat(b.logLikelihood()).isCloseTo(a.logLikelihood(), within(1e-9 * Math.abs(a.logLikelihood())));
          if (t > 0) {
            assertThat(b.elboBeforeEStep()).as("%s elbo before, iteration %d", type.id(), t + 1).isCloseTo(a.elboBeforeEStep(), within(1e-9 * Math.abs(a.elboBeforeEStep())));
          }
          assertThat(b.rate()).as("%s rate", type.id()).isCloseTo(a.rate(), within(1e-9 * (1 + Math.abs(a.rate()))));
          assertThat(b.distortion()).as("%s distortion", type.id()).isCloseTo(a.distortion(), within(1e-9 * Math.abs(a.distortion())));
        }
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

  /** The data in three parts; its sample is every row in order (so the k-means start sees what gmm-em's sees). */
  static PartitionedEm.Data inParts(double[][] x, CovarianceType type, int k) {
    int d = x[0].length;
    double[] mean = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / x.length;
      }
    }
    int part = (x.length + 2) / 3;
    return new PartitionedEm.Data() {
      @Override
      public EmStatistics pass(MixtureParameters p) {
        EmStatistics.Scorer s = EmStatistics.scorer(p, type);
        EmStatistics total = new EmStatistics(k, d, type, mean);
        for (int from = 0; from < x.length; from += part) {
          EmStatistics chunk = new EmStatistics(k, d, type, mean);
          for (int i = from; i < Math.min(x.length, from + part); i++) {
            chunk.add(x[i], s);
          }
          total.merge(chunk);
        }
        return total;
      }

      @Override
      public EmStatistics hardPass(double[][] centres) {
        EmStatistics total = new EmStatistics(k, d, type, mean);
        for (double[] row : x) {
          total.addHard(row, EmStatistics.nearest(row, centres));
        }
        return total;
      }

      @Override
      public double[][] sample(int m, long seed) {
        return m >= x.length ? x : java.util.Arrays.copyOf(x, m);
      }
    };
  }

  @Test
  void restartsFromTheSampleStartReachGmmEmsFitWhenTheSampleIsAllTheData() {
    double[][] x = blobs(1200, 3, 8);
    for (CovarianceType type : CovarianceType.values()) {
      GaussianMixtureConfig cfg = GaussianMixtureConfig.of(3).withCovarianceType(type).withSeed(2).withRestarts(3);
      try (GaussianMixtureFit single = new GaussianMixture(cfg).fit(x)) {
        GaussianMixtureFit parts = PartitionedEm.fit(cfg, inParts(x, type, 3));
        assertThat(parts.restartLogLikelihoods()).hasSize(3);
        assertThat(parts.trainLogLikelihood()).as(type.id()).isCloseTo(single.trainLogLikelihood(), within(1e-9 * Math.abs(single.trainLogLikelihood())));
        for (int r = 0; r < 3; r++) {
          double a = single.restartLogLikelihoods().get(r);
          assertThat(parts.restartLogLikelihoods().get(r)).as("%s restart %d", type.id(), r).isCloseTo(a, within(1e-9 * Math.abs(a)));
        }
      }
    }
  }

  @Test
  void blockStatisticsOfTheGraphEqualTheRowByRowSumsAndEmFromThemEqualsGmmEm() {
    double[][] x = blobs(1500, 4, 3);
    double[] centre = {0.5, -0.25, 1, 0};
    for (CovarianceType type : CovarianceType.values()) {
      GaussianMixtureConfig base = GaussianMixtureConfig.of(3).withCovarianceType(type).withSeed(5);
      MixtureParameters start;
      try (GaussianMixtureFit once = new GaussianMixture(base.withMaxIterations(1)).fit(x)) {
        start = once.parameters();
      }
      try (BlockStatistics block = new BlockStatistics(3, 4, type); GaussianMixtureFit single = new GaussianMixture(base.withInitialParameters(start)).fit(x)) {
        EmStatistics.Scorer scorer = EmStatistics.scorer(start, type);
        EmStatistics rowByRow = new EmStatistics(3, 4, type, centre);
        for (double[] row : x) {
          rowByRow.add(row, scorer);
        }
        EmStatistics fromGraph = block.of(x, start, centre);
        assertThat(fromGraph.rows()).isEqualTo(1500);
        assertThat(fromGraph.logLikelihoodSum()).isCloseTo(rowByRow.logLikelihoodSum(), within(1e-9 * Math.abs(rowByRow.logLikelihoodSum())));
        assertThat(fromGraph.entropySum()).isCloseTo(rowByRow.entropySum(), within(1e-9 * Math.abs(rowByRow.entropySum())));
        MixtureParameters a = fromGraph.mStep(1e-6, start);
        MixtureParameters b = rowByRow.mStep(1e-6, start);
        for (int c = 0; c < 3; c++) {
          assertThat(a.weights()[c]).isCloseTo(b.weights()[c], within(1e-12));
          for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
              assertThat(a.covariances()[c][i][j]).as("%s Σ[%d][%d][%d]", type.id(), c, i, j).isCloseTo(b.covariances()[c][i][j], within(1e-9));
            }
          }
        }
        // EM whose passes are graph blocks (three parts) follows gmm-em from the same start
        GaussianMixtureFit parts = PartitionedEm.fit(base.withInitialParameters(start), start, p -> {
          EmStatistics total = new EmStatistics(3, 4, type, centre);
          for (int from = 0; from < 1500; from += 500) {
            total.merge(block.of(java.util.Arrays.copyOfRange(x, from, from + 500), p, centre));
          }
          return total;
        });
        assertThat(parts.iterations()).isEqualTo(single.iterations());
        assertThat(parts.trainLogLikelihood()).isCloseTo(single.trainLogLikelihood(), within(1e-9 * Math.abs(single.trainLogLikelihood())));
      }
    }
  }

  @Test
  void hardStatisticsGiveTheMeansAndCovariancesOfTheAssignedRows() {
    double[][] x = {{0, 0}, {2, 0}, {10, 10}, {12, 14}};
    EmStatistics s = new EmStatistics(2, 2, CovarianceType.FULL, new double[] {6, 6});
    for (double[] row : x) {
      s.addHard(row, EmStatistics.nearest(row, new double[][] {{1, 1}, {11, 11}}));
    }
    MixtureParameters p = s.mStep(0, null);
    assertThat(p.weights()).containsExactly(0.5, 0.5);
    assertThat(p.means()[1][0]).isCloseTo(11, within(1e-12));
    assertThat(p.means()[1][1]).isCloseTo(12, within(1e-12));
    // by hand: rows (10,10), (12,14) about (11,12): Σ = [[1, 2], [2, 4]]; rows (0,0), (2,0) about (1,0): [[1, 0], [0, 0]]
    assertThat(p.covariances()[1][0][1]).isCloseTo(2, within(1e-9));
    assertThat(p.covariances()[1][1][1]).isCloseTo(4, within(1e-9));
    assertThat(p.covariances()[0][0][0]).isCloseTo(1, within(1e-9));
    assertThat(p.covariances()[0][1][1]).isCloseTo(0, within(1e-9));
  }
}
