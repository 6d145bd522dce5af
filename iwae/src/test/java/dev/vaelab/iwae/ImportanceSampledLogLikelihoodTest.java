package dev.vaelab.iwae;

import dev.vaelab.core.eval.LogLikelihoodEstimate;
import dev.vaelab.core.eval.ImportanceSampledLogLikelihood;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.objective.Elbo;
import org.junit.jupiter.api.Test;

class ImportanceSampledLogLikelihoodTest {

  static Dataset points() {
    float[] v = new float[Ppca.YS.length * Ppca.D];
    for (int p = 0; p < Ppca.YS.length; p++) {
      for (int i = 0; i < Ppca.D; i++) {
        v[p * Ppca.D + i] = (float) Ppca.YS[p][i];
      }
    }
    return new Dataset("ppca-points", v, Ppca.D, null);
  }

  @Test
  void estimateMatchesTheExactLogLikelihoodWithinItsStandardError() {
    try (ModelGraph g = ModelGraph.build(Ppca.spec(0.6, 0.3, 0.9), Elbo.standard(), 4)) {
      ImportanceSampledLogLikelihood est = new ImportanceSampledLogLikelihood(g, 500);
      LogLikelihoodEstimate r = est.estimate(points(), 3, 5000, 2);
      assertThat(r.samples()).isEqualTo(5000);
      double truthMean = 0;
      for (int p = 0; p < 3; p++) {
        double truth = Ppca.exactLogLikelihood(Ppca.YS[p]);
        truthMean += truth / 3;
        assertThat(r.perExample()[p]).isCloseTo(truth, within(0.05));
      }
      assertThat(r.standardError()).isGreaterThan(0).isLessThan(0.05);
      assertThat(r.meanLogLikelihood()).isCloseTo(truthMean, within(5 * r.standardError() + 1e-3));
      assertThat(r.meanEffectiveSampleSize()).isGreaterThan(1).isLessThan(5000);
      assertThat(r.nll()).isEqualTo(-r.meanLogLikelihood());
    }
  }

  @Test
  void exactPosteriorGivesZeroErrorAndFullEffectiveSampleSize() {
    try (ModelGraph g = ModelGraph.build(Ppca.spec(1, 0, 0), Elbo.standard(), 4)) {
      LogLikelihoodEstimate r = new ImportanceSampledLogLikelihood(g, 100).estimate(points(), 3, 300, 3);
      for (int p = 0; p < 3; p++) {
        assertThat(r.perExample()[p]).isCloseTo(Ppca.exactLogLikelihood(Ppca.YS[p]), within(1e-3));
      }
      assertThat(r.standardError()).isLessThan(1e-4);
      assertThat(r.meanEffectiveSampleSize()).isCloseTo(300, within(0.5));
    }
  }

  @Test
  void kNotAMultipleOfTheChunkUsesExactlyKSamples() {
    // the exact posterior makes every weight equal: the effective sample size is then the number
    // of weights used, and any stale or missing weight would move ln p̂ away from the exact value
    try (ModelGraph g = ModelGraph.build(Ppca.spec(1, 0, 0), Elbo.standard(), 4)) {
      LogLikelihoodEstimate r = new ImportanceSampledLogLikelihood(g, 100).estimate(points(), 3, 250, 3);
      assertThat(r.samples()).isEqualTo(250);
      assertThat(r.meanEffectiveSampleSize()).isCloseTo(250, within(0.5));
      for (int p = 0; p < 3; p++) {
        assertThat(r.perExample()[p]).isCloseTo(Ppca.exactLogLikelihood(Ppca.YS[p]), within(1e-3));
      }
    }
  }

  @Test
  void summaryStatisticsMatchTheirDefinitionsAtExtremeLogWeights() {
    double[] lw = {-1000, -1000 + Math.log(3), -1001, -1000.5};
    double[] s = ImportanceSampledLogLikelihood.summarize(lw);
    double[] w = new double[4];
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < 4; i++) {
      w[i] = Math.exp(lw[i] + 1000); // scaled weights
      sum += w[i];
      sumSq += w[i] * w[i];
    }
    double mean = sum / 4;
    double var = sumSq / 4 - mean * mean;
    assertThat(s[0]).isCloseTo(-1000 + Math.log(mean), within(1e-9));
    assertThat(s[1]).isCloseTo(Math.sqrt(var / 4) / mean, within(1e-12));
    assertThat(s[2]).isCloseTo(sum * sum / sumSq, within(1e-12));
    assertThatThrownBy(() -> ImportanceSampledLogLikelihood.summarize(new double[] {Double.NaN, Double.NEGATIVE_INFINITY}))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void badArgumentsAreNamed() {
    try (ModelGraph g = ModelGraph.build(Ppca.spec(1, 0, 0), Elbo.standard(), 4)) {
      ImportanceSampledLogLikelihood est = new ImportanceSampledLogLikelihood(g, 10);
      assertThatThrownBy(() -> est.estimate(points(), 3, 0, 1)).hasMessageContaining("K must be >= 1, got 0");
      assertThatThrownBy(() -> est.estimate(points(), 4, 10, 1)).hasMessageContaining("1..3, got 4");
    }
  }
}
