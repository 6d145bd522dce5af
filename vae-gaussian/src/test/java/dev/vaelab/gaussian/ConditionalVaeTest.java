package dev.vaelab.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.eval.ImportanceSampledLogLikelihood;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainerConfig;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A two-class toy problem: the conditional VAE's samples for each class have that class's mean. */
class ConditionalVaeTest {
  static final int D = 6;
  static final float[][] CLASS_MEAN = {{0.9f, 0.9f, 0.9f, 0.1f, 0.1f, 0.1f}, {0.1f, 0.2f, 0.1f, 0.9f, 0.8f, 0.9f}};

  /** n binary examples, half of each class, pixels ~ Bernoulli(class mean); labels 0/1. */
  static Dataset data(int n, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n * D];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      for (int j = 0; j < D; j++) {
        v[i * D + j] = r.nextFloat() < CLASS_MEAN[labels[i]][j] ? 1f : 0f;
      }
    }
    return new Dataset("two-classes", v, D, labels).withOneHotLabels(2);
  }

  @Test
  void samplesForEachClassHaveThatClasssMean() {
    check(GaussianVae.builder().dataSize(D).hidden(32).latentSize(2).contextSize(2).build());
  }

  @Test
  void withAConditionalPriorToo() {
    check(GaussianVae.builder().dataSize(D).hidden(32).latentSize(2).contextSize(2).prior(ConditionalGaussianPrior.withHidden(16)).build());
    assertThatThrownBy(() -> ModelGraph.build(GaussianVae.builder().dataSize(D).hidden(8).latentSize(2)
        .prior(ConditionalGaussianPrior.withHidden(4)).build(), Elbo.standard(), 1))
        .hasMessageContaining("needs a conditional model");
  }

  static void check(GaussianVae cvae) {
    try (ModelGraph g = ModelGraph.build(cvae, Elbo.standard(), 5)) {
      new Trainer(g, new TrainerConfig(3e-3, 64, 5, false, false), null).fit(data(4000, 1), data(400, 2), 15, List.of());
      int n = 4000;
      for (int k = 0; k < 2; k++) {
        float[] contexts = new float[n * 2];
        for (int i = 0; i < n; i++) {
          contexts[i * 2 + k] = 1f;
        }
        float[] samples = g.sample(n, contexts); // decoder means E[y | z, c], z ~ p(z)
        for (int j = 0; j < D; j++) {
          double mean = 0;
          for (int i = 0; i < n; i++) {
            mean += samples[i * D + j] / n;
          }
          assertThat(mean).as("class %d pixel %d", k, j).isCloseTo(CLASS_MEAN[k][j], within(0.06));
        }
      }
      // the estimator and the evaluator feed the context too: −ln p(y|c) of the test rows
      var ll = new ImportanceSampledLogLikelihood(g).estimate(data(400, 2), 100, 200, 20);
      assertThat(Double.isFinite(ll.nll())).isTrue();
      // (each pixel has entropy ≤ ln 2; a model that ignored c would pay for the class mixture)
      assertThat(ll.nll()).isLessThan(D * Math.log(2));
      // data without context is refused with a message
      assertThatThrownBy(() -> g.encodeMean(new float[D], 1)).hasMessageContaining("conditioned on a context of 2 values");
      assertThatThrownBy(() -> g.sample(3)).hasMessageContaining("give the 2 context values");
    }
  }
}
