package dev.vaelab.lab.stage;

import dev.vaelab.core.eval.Evaluator;

/**
 * The trained model's test ELBO, rate, distortion and bound on the whole test split; a non-finite one
 * stops the run with the divergence message (no summary is written of a diverged model).
 */
public final class EvaluateTest implements Stage {
  @Override
  public void run(TrainingRun r) {
    r.test = Evaluator.evaluate(r.graph, r.data.test(), Evaluator.DEFAULT_BATCH);
    if (!Double.isFinite(r.test.elbo()) || !Double.isFinite(r.test.rate()) || !Double.isFinite(r.test.distortion())) {
      throw new dev.vaelab.core.train.TrainingDivergedException(r.trainer == null ? 0 : r.trainer.stepsDone(),
          r.trainer == null ? 0 : r.trainer.epochsDone(), "the trained model's test ELBO (rate " + r.test.rate() + ", distortion "
          + r.test.distortion() + ")", r.test.elbo(), null);
    }
  }
}
