package dev.vaelab.lab.stage;

import dev.vaelab.core.eval.Evaluator;

/** The trained model's test ELBO, rate, distortion and bound on the whole test split. */
public final class EvaluateTest implements Stage {
  @Override
  public void run(TrainingRun r) {
    r.test = Evaluator.evaluate(r.graph, r.data.test(), Evaluator.DEFAULT_BATCH);
  }
}
