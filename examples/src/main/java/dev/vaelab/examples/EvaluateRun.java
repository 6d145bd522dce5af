package dev.vaelab.examples;

import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.io.AtomicFiles;
import dev.vaelab.core.io.Json;
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

  /** @param seed seed of the evaluation noise (one z per test example) */
  public static EvaluationResult run(Path runDir, long seed) {
    Path cfgFile = runDir.resolve("config.json");
    if (!Files.isRegularFile(cfgFile)) {
      throw new IllegalArgumentException(runDir + " is not a run folder: config.json is missing");
    }
    RunConfig config = RunConfig.read(cfgFile);
    DataSource.Splits data =
        DataSource.load(config.data, config.decoderType() == dev.vaelab.gaussian.GaussianVae.DecoderType.BERNOULLI,
            config.trainLimit, config.testLimit);
    try (ModelGraph graph = ModelGraph.build(config.spec(), config.objective(), seed)) {
      Path ckpt = graph.restore(runDir.resolve("checkpoint"));
      EvaluationResult r = Evaluator.evaluate(graph, data.test(), Evaluator.DEFAULT_BATCH);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("checkpoint", runDir.relativize(ckpt).toString());
      m.put("dataset", data.name());
      m.putAll(r.toMap("test_"));
      AtomicFiles.writeString(runDir.resolve("evaluation.json"), Json.write(m) + "\n");
      return r;
    }
  }
}
