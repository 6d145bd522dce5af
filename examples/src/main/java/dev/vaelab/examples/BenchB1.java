package dev.vaelab.examples;

import dev.vaelab.core.eval.ActiveUnits;
import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.train.EpochMetrics;
import dev.vaelab.core.train.ProgressBar;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainerConfig;
import dev.vaelab.core.train.TrainingHistory;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.gaussian.GaussianVae;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark B1 of {@code shared/bench/PROTOCOL.md}: the 784-400-20 Gaussian VAE on FMNIST-bin,
 * Adam 1e-3, batch 128, 10 epochs. Reports the same keys as the PyTorch peer {@code gaussian_vae.py}
 * (the importance-sampled NLL is not part of this benchmark yet; it comes with the iwae module).
 */
public final class BenchB1 {
  private BenchB1() {}

  /**
   * @param data {@code fmnist} (standard search), a folder, or {@code embedded} (smoke runs)
   */
  public static Map<String, Object> run(String data, int epochs, long seed, int trainLimit, PrintStream log) {
    DataSource.Splits splits = DataSource.load(data, true, trainLimit, 0);
    GaussianVae spec = GaussianVae.builder().build();
    TrainerConfig cfg = new TrainerConfig(1e-3, 128, seed, false);
    try (ModelGraph graph = ModelGraph.build(spec, Elbo.standard(), seed)) {
      Trainer trainer = new Trainer(graph, cfg, null);
      TrainingHistory h = trainer.fit(splits.train(), splits.test(), epochs, List.of(new ProgressBar(log, epochs)));
      EvaluationResult test = Evaluator.evaluate(graph, splits.test(), Evaluator.DEFAULT_BATCH);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("benchmark", "B1_gaussian_vae");
      r.put("framework", "vaelab (tensorflow-java 1.0.0)");
      r.put("dataset", splits.name());
      r.put("train_examples", splits.train().size());
      r.put("seed", seed);
      r.put("epochs", epochs);
      r.put("batch", cfg.batchSize());
      r.put("lr", cfg.learningRate());
      r.put("params", graph.parameters().count());
      r.put("sec_per_epoch_median", round(h.medianEpochSeconds()));
      r.put("sec_per_epoch_all", h.epochs().stream().map(e -> round(e.seconds())).toList());
      r.put("train_elbo_curve", h.epochs().stream().map(e -> round(e.trainElbo())).toList());
      r.put("test_elbo_curve", h.epochs().stream().map(e -> round(e.testElbo())).toList());
      r.put("test_elbo", round(test.elbo()));
      r.put("test_rate", round(test.rate()));
      r.put("test_distortion", round(test.distortion()));
      r.put("active_units", test.activeUnits());
      r.put("active_unit_threshold", ActiveUnits.THRESHOLD);
      r.put("latent_var_of_mean", test.varianceOfMean());
      r.put("machine", Map.of(
          "cpus", Runtime.getRuntime().availableProcessors(),
          "java", System.getProperty("java.version"),
          "os", System.getProperty("os.name") + " " + System.getProperty("os.arch")));
      return r;
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  static double lastTestElbo(TrainingHistory h) {
    EpochMetrics m = h.last();
    return m.testElbo();
  }
}
