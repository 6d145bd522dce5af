package dev.vaelab.examples.exercises;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.FashionMnist;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainerConfig;
import dev.vaelab.gaussian.GaussianVae;
import java.util.List;

/** Short trainings on the embedded Fashion-MNIST slice for the exercises that need a model. */
final class QuickTraining {
  private QuickTraining() {}

  static Dataset train() {
    return FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN).binarized(FashionMnist.BINARIZATION_THRESHOLD);
  }

  static Dataset test() {
    return FashionMnist.loadEmbedded(FashionMnist.Split.TEST).binarized(FashionMnist.BINARIZATION_THRESHOLD);
  }

  /** A trained graph (the caller closes it). */
  static ModelGraph train(GaussianVae spec, Objective objective, int epochs, long seed) {
    ModelGraph g = ModelGraph.build(spec, objective, seed);
    new Trainer(g, new TrainerConfig(1e-3, 128, seed, false), null).fit(train(), null, epochs, List.of());
    return g;
  }
}
