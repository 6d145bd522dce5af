package dev.vaelab.examples;

import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.io.AtomicFiles;
import dev.vaelab.core.io.Json;
import dev.vaelab.iwae.ImportanceSampledLogLikelihood;
import dev.vaelab.iwae.LogLikelihoodEstimate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code vaelab evaluate --run DIR}: rebuilds the run's model from config.json, restores its newest
 * checkpoint and recomputes the test numbers; writes {@code evaluation.json}.
 */
public final class EvaluateRun {
  private EvaluateRun() {}

  /** What evaluate measured. */
  public record Result(EvaluationResult test, LogLikelihoodEstimate logLikelihood) {}

  /** @param seed seed of the evaluation noise (one z per test example) */
  public static EvaluationResult run(Path runDir, long seed) {
    return run(runDir, seed, 0, 0).test();
  }

  /**
   * @param nllK importance samples of the test log-likelihood (0 = skip)
   * @param nllExamples test examples it uses (0 = all)
   */
  public static Result run(Path runDir, long seed, int nllK, int nllExamples) {
    RunConfig config = RunConfig.readRunFolder(runDir);
    DataSource.Splits data =
        DataSource.load(config.data, config.decoderType() == dev.vaelab.gaussian.GaussianVae.DecoderType.BERNOULLI,
            config.trainLimit, config.testLimit);
    try (ModelGraph graph = config.buildGraph(seed)) {
      Path ckpt = graph.restore(runDir.resolve("checkpoint"));
      EvaluationResult r = Evaluator.evaluate(graph, data.test(), Evaluator.DEFAULT_BATCH);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("checkpoint", runDir.relativize(ckpt).toString());
      m.put("dataset", data.name());
      m.putAll(r.toMap("test_"));
      LogLikelihoodEstimate ll = null;
      if (nllK > 0) {
        int n = nllExamples > 0 ? Math.min(nllExamples, data.test().size()) : data.test().size();
        ll = new ImportanceSampledLogLikelihood(graph).estimate(data.test(), n, nllK, ImportanceSampledLogLikelihood.DEFAULT_BATCH);
        m.putAll(ll.toMap());
      }
      AtomicFiles.writeString(runDir.resolve("evaluation.json"), Json.write(m) + "\n");
      return new Result(r, ll);
    }
  }
}
