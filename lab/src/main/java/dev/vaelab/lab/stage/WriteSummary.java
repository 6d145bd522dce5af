package dev.vaelab.lab.stage;

import dev.vaelab.core.train.EpochMetrics;
import dev.vaelab.core.train.TrainingHistory;
import dev.vaelab.lab.run.TrainingSettings;
import java.util.List;
import java.util.Map;

/**
 * summary.json: what was trained on what, the test numbers (the family's), the hook's entries, the
 * test log-likelihood (K importance samples on the first test examples), the timings — written
 * atomically, then one line to the log.
 */
public final class WriteSummary implements Stage {
  @Override
  public void run(TrainingRun r) {
    TrainingSettings ts = r.spec.training();
    Map<String, Object> s = r.summary;
    s.put("model", r.recipe.model());
    s.put("dataset", r.data.name());
    s.put("data_shape", r.data.shape().toString());
    s.put("preprocessing", r.data.preprocessing());
    s.put("train_examples", r.data.rows().size());
    s.put("test_examples", r.data.test().size());
    s.put("epochs", r.trainer.epochsDone());
    s.put("steps", r.trainer.stepsDone());
    s.put("parameters", r.graph.parameters().count());
    if (r.recipe.boundsLikelihood()) {
      s.put("test_bound", r.test.bound());
    }
    s.putAll(r.recipe.testNumbers(r.graph, r.test, r.data.test()));
    s.putAll(r.afterTraining);
    if (ts.nllK() > 0) {
      int n = Math.min(ts.nllExamples(), r.data.test().size());
      s.putAll(r.recipe.logLikelihood(r.graph, r.data.test(), ts.nllK(), n, r.log));
    }
    s.put("latent_size", r.graph.model().latentSize());
    List<EpochMetrics> all = r.trainer.history();
    TrainingHistory whole = new TrainingHistory(all);
    s.put("seconds_per_epoch", all.isEmpty() ? Double.NaN : whole.medianEpochSeconds());
    s.put("train_elbo", all.isEmpty() ? Double.NaN : whole.last().trainElbo());
    s.put("skipped_batches", all.stream().mapToLong(EpochMetrics::skippedBatches).sum());
    s.put("checkpoint", r.trainer.lastCheckpoint() == null ? null : r.folder.dir().relativize(r.trainer.lastCheckpoint()).toString());
    r.folder.writeSummary(s);
    if (s.get("test_elbo") instanceof Double elbo) {
      r.log.printf("test ELBO %.2f nats (rate %.2f, distortion %.2f), %.4f bits/dim; run folder %s%n",
          elbo, (double) s.get("test_rate"), (double) s.get("test_distortion"), (double) s.get("test_bits_per_dim"), r.folder.dir());
    } else {
      r.log.printf("test distortion %.2f nats (no ELBO: %s); run folder %s%n", (double) s.get("test_distortion"), s.get("test_nll_unavailable"),
          r.folder.dir());
    }
  }
}
