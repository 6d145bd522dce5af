package dev.vaelab.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.FashionMnist;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.testing.TinyModels;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

  @Test
  void activeUnitsUsePopulationVarianceOfThePosteriorMeans() {
    Random r = new Random(4);
    int n = 1000;
    int d = 3;
    float[] means = new float[n * d];
    double[] scale = {1.0, 0.05, 0.2}; // variances 1, 0.0025, 0.04 → dims 0 and 2 active
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        means[i * d + j] = (float) (100 + scale[j] * r.nextGaussian());
      }
    }
    ActiveUnits au = new ActiveUnits(d);
    au.add(java.util.Arrays.copyOfRange(means, 0, 300 * d), 300);
    au.add(java.util.Arrays.copyOfRange(means, 300 * d, n * d), 700);
    double[] v = au.variances();
    for (int j = 0; j < d; j++) {
      double m = 0;
      for (int i = 0; i < n; i++) {
        m += means[i * d + j];
      }
      m /= n;
      double var = 0;
      for (int i = 0; i < n; i++) {
        var += (means[i * d + j] - m) * (means[i * d + j] - m);
      }
      var /= n;
      assertThat(v[j]).isCloseTo(var, within(1e-6 + 1e-4 * var));
    }
    assertThat(au.count()).isEqualTo(2);
  }

  @Test
  void evaluationIsConsistentWithItsDefinitions() {
    Dataset test = FashionMnist.loadEmbedded(FashionMnist.Split.TEST).head(300).binarized(0.5);
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 32, 5), Elbo.standard(), 2)) {
      EvaluationResult r = Evaluator.evaluate(g, test, 128); // 128 does not divide 300: partial batch
      assertThat(r.examples()).isEqualTo(300);
      assertThat(r.elbo()).isCloseTo(-(r.rate() + r.distortion()), within(1e-9));
      assertThat(r.bitsPerDim()).isCloseTo(-r.elbo() / (784 * Math.log(2)), within(1e-12));
      assertThat(r.varianceOfMean()).hasSize(5);
      assertThat(r.rate()).isGreaterThanOrEqualTo(0);
      // the rate is analytic, so it does not depend on the batch size; distortion is one noisy draw
      EvaluationResult again = Evaluator.evaluate(g, test, 300);
      assertThat(again.rate()).isCloseTo(r.rate(), within(1e-4 * Math.max(1, r.rate())));
    }
  }

  @Test
  void interpolationStartsAndEndsAtTheReconstructions() {
    Dataset test = FashionMnist.loadEmbedded(FashionMnist.Split.TEST).head(2).binarized(0.5);
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 16, 3), Elbo.standard(), 2)) {
      List<float[]> line = LatentInterpolation.between(g, test.row(0), test.row(1), 5);
      float[] rows = new float[2 * 784];
      test.copyRange(0, 2, rows);
      float[] rec = g.reconstruct(rows, 2);
      assertThat(line).hasSize(5);
      for (int j = 0; j < 784; j++) {
        assertThat(line.get(0)[j]).isCloseTo(rec[j], within(1e-5f));
        assertThat(line.get(4)[j]).isCloseTo(rec[784 + j], within(1e-5f));
      }
    }
  }
}
