package dev.vaelab.vq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.FashionMnist;
import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainerConfig;
import dev.vaelab.core.train.TrainingHistory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;

class VqVaeTest {
  static float[] codebook(ModelGraph g, VqVae spec) {
    try (Result r = g.session().runner().fetch(spec.builtQuantizer().codebookValue()).run()) {
      return Feeds.values(r.get(0));
    }
  }

  @Test
  void trainsOnFashionMnistAndSamplesFromTheFittedPrior() {
    Dataset train = FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN).head(1500).binarized(0.5);
    Dataset test = FashionMnist.loadEmbedded(FashionMnist.Split.TEST).head(300).binarized(0.5);
    VqVae spec = VqVae.of(VectorQuantizerConfig.defaults().withCodebookSize(32).withDimension(8).withDeadCodeThreshold(1.0));
    assertThat(spec.latentSize()).isEqualTo(7 * 7 * 8);
    try (ModelGraph g = ModelGraph.build(spec, new VqObjective(), 1)) {
      Trainer trainer = new Trainer(g, new TrainerConfig(1e-3, 64, 1, false), null);
      CodebookUsageListener usage = new CodebookUsageListener(g, spec.builtQuantizer(), null);
      CodeUsage counter = new CodeUsage(g);
      TrainingHistory h = trainer.fit(train, test, 3, List.of(usage));
      // reconstruction improves, and the rate is P ln K under the uniform prior
      assertThat(h.last().testDistortion()).isLessThan(h.epochs().get(0).testDistortion());
      assertThat(h.last().testDistortion()).isLessThan(200);
      assertThat(h.last().testRate()).isCloseTo(49 * Math.log(32), within(1e-3));
      assertThat(usage.history()).hasSize(3);
      assertThat(usage.history().get(2).codesUsed()).isGreaterThan(8);

      // evaluation and code counting leave the codebook as it is
      float[] before = codebook(g, spec);
      EvaluationResult r = Evaluator.evaluate(g, test, 100);
      CodeUsage.Counts counts = counter.count(test, 100);
      assertThat(codebook(g, spec)).isEqualTo(before);
      assertThat(r.distortion()).isCloseTo(h.last().testDistortion(), within(1e-3));
      long total = 0;
      for (long[] row : counts.perPosition()) {
        for (long v : row) {
          total += v;
        }
      }
      assertThat(total).isEqualTo(300L * 49);
      assertThat(counts.perplexity()).isBetween(1.0, 32.0);

      // fit the categorical prior: the rate becomes −ln P_pri(codes), below the uniform P ln K
      CodeUsage.Counts trainCounts = counter.count(train, 100);
      float[] logits = CodePriorFit.fit(g, spec.builtPrior(), trainCounts, CodePriorFit.DEFAULT_ALPHA);
      // ℓ_p,k = ln((c_p,k + 1) / (N + K)), N = 1500 images per position
      for (int pos : new int[] {0, 24, 48}) {
        for (int k = 0; k < 32; k++) {
          double expected = Math.log((trainCounts.perPosition()[pos][k] + 1.0) / (1500 + 32));
          assertThat((double) logits[pos * 32 + k]).isCloseTo(expected, within(1e-5));
        }
      }
      EvaluationResult fitted = Evaluator.evaluate(g, test, 100);
      assertThat(fitted.rate()).isLessThan(49 * Math.log(32));
      float[] samples = g.sample(16);
      assertThat(samples).hasSize(16 * 784);
      for (float v : samples) {
        assertThat(v).isBetween(0f, 1f);
      }
    }
  }

  @Test
  void kmeansInitialisationPlacesCodesOnEncoderOutputs() {
    Dataset train = FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN).head(64).binarized(0.5);
    VqVae spec = VqVae.of(VectorQuantizerConfig.defaults().withCodebookSize(16).withDimension(4).withUpdate(CodebookUpdate.GRADIENT));
    try (ModelGraph g = ModelGraph.build(spec, new VqObjective(), 2)) {
      float[] batch = new float[64 * 784];
      train.copyRange(0, 64, batch);
      CodeUsage counter = new CodeUsage(g);
      int before = counter.count(train, 64).codesUsed();
      float[] centres = CodebookInitialization.kmeans(g, spec, batch, 64, 3);
      assertThat(codebook(g, spec)).isEqualTo(centres);
      assertThat(counter.count(train, 64).codesUsed()).isGreaterThan(Math.max(before, 8));
    }
  }
}
