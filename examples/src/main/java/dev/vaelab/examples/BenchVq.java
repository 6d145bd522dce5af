package dev.vaelab.examples;

import dev.vaelab.lab.run.MachineInfo;

import dev.vaelab.lab.data.DataSource;

import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.train.ProgressBar;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainerConfig;
import dev.vaelab.core.train.TrainingHistory;
import dev.vaelab.vq.CodeUsage;
import dev.vaelab.vq.CodebookUpdate;
import dev.vaelab.vq.CodebookUsageListener;
import dev.vaelab.vq.VectorQuantizerConfig;
import dev.vaelab.vq.VqObjective;
import dev.vaelab.vq.VqVae;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark B3 of docs/benchmarks.md: the conv VQ-VAE (7 × 7 × 16 latents, K = 128,
 * β = 0.25) on FMNIST-bin, Adam 1e-3, batch 128, 5 epochs, with the EMA codebook (γ 0.99, ε 1e-5)
 * or the gradient codebook. Reports the keys of the PyTorch peer {@code vqvae.py}.
 */
public final class BenchVq {
  private BenchVq() {}

  public static Map<String, Object> run(String data, int epochs, long seed, int trainLimit, CodebookUpdate update, PrintStream log) {
    DataSource.Splits splits = DataSource.load(data, true, trainLimit, 0);
    VqVae spec = VqVae.of(VectorQuantizerConfig.defaults().withUpdate(update).withSeed(seed));
    TrainerConfig cfg = new TrainerConfig(1e-3, 128, seed, false);
    try (ModelGraph graph = ModelGraph.build(spec, new VqObjective(), seed)) {
      Trainer trainer = new Trainer(graph, cfg, null);
      CodebookUsageListener usage = new CodebookUsageListener(graph, spec.builtQuantizer(), log);
      CodeUsage counter = new CodeUsage(graph);
      TrainingHistory h = trainer.fit(splits.train(), null, epochs, List.of(new ProgressBar(log, epochs), usage));
      CodeUsage.Counts test = counter.count(splits.test(), Evaluator.DEFAULT_BATCH);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("benchmark", "B3_vqvae_" + (update == CodebookUpdate.EMA ? "ema" : "loss"));
      r.put("framework", MachineInfo.framework(""));
      r.put("dataset", splits.name());
      r.put("seed", seed);
      r.put("epochs", epochs);
      r.put("batch", cfg.batchSize());
      r.put("lr", cfg.learningRate());
      r.put("params", graph.parameters().count());
      r.put("sec_per_epoch_median", round(h.medianEpochSeconds()));
      r.put("sec_per_epoch_all", h.epochs().stream().map(e -> round(e.seconds())).toList());
      r.put("train_recon_curve", h.epochs().stream().map(e -> round(e.trainDistortion())).toList());
      r.put("train_codes_used_curve", usage.history().stream().map(CodebookUsageListener.EpochUsage::codesUsed).toList());
      r.put("train_perplexity_curve", usage.history().stream().map(u -> round(u.perplexity())).toList());
      r.put("test_recon_bce_nats_per_image", round(Evaluator.evaluate(graph, splits.test(), Evaluator.DEFAULT_BATCH).distortion()));
      r.put("test_perplexity", round(test.perplexity()));
      r.put("test_codes_used", test.codesUsed());
      r.put("rate_nats_uniform_prior", round(spec.positions() * Math.log(spec.quantizer().codebookSize())));
      return r;
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
