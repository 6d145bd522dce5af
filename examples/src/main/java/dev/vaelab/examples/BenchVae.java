package dev.vaelab.examples;

import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.run.MachineInfo;

import dev.vaelab.core.eval.ActiveUnits;
import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.train.ProgressBar;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainerConfig;
import dev.vaelab.core.train.TrainingHistory;
import dev.vaelab.gaussian.GaussianVae;
import dev.vaelab.iwae.GradientEstimator;
import dev.vaelab.core.eval.ImportanceSampledLogLikelihood;
import dev.vaelab.iwae.ImportanceWeightedBound;
import dev.vaelab.core.eval.LogLikelihoodEstimate;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Benchmarks B1 (Gaussian VAE) and B2 (IWAE, k samples) of docs/benchmarks.md: the
 * 784-400-20 network on FMNIST-bin, Adam 1e-3, batch 128; seconds per epoch exclude the per-epoch
 * test evaluation; the test NLL uses K = 5000 importance samples on the first 1000 test images. The
 * JSON keys are those of the PyTorch peers {@code gaussian_vae.py} and {@code iwae.py}.
 */
public final class BenchVae {
  /** What to run. */
  public record Settings(String data, int epochs, long seed, int trainLimit, int k, GradientEstimator gradient, int nllK, int nllExamples) {}

  private BenchVae() {}

  /** @param k 0 for B1 (the ELBO), otherwise B2 with the k-sample bound */
  public static Map<String, Object> run(Settings s, PrintStream log) {
    DataSource.Splits splits = DataSource.load(s.data(), true, s.trainLimit(), 0);
    GaussianVae spec = GaussianVae.builder().build();
    TrainerConfig cfg = new TrainerConfig(1e-3, 128, s.seed(), false);
    boolean b2 = s.k() > 0;
    Objective objective = b2 ? new ImportanceWeightedBound(s.k(), s.gradient()) : Elbo.standard();
    try (ModelGraph graph = ModelGraph.build(spec, objective, s.seed())) {
      Trainer trainer = new Trainer(graph, cfg, null);
      TrainingHistory h = trainer.fit(splits.train(), splits.test(), s.epochs(), java.util.List.of(new ProgressBar(log, s.epochs())));
      EvaluationResult test = Evaluator.evaluate(graph, splits.test(), Evaluator.DEFAULT_BATCH);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("benchmark", b2 ? "B2_iwae_k" + s.k() + (s.gradient() == GradientEstimator.DREG ? "_dreg" : "") : "B1_gaussian_vae");
      r.put("framework", MachineInfo.framework(""));
      r.put("dataset", splits.name());
      r.put("train_examples", splits.train().size());
      r.put("seed", s.seed());
      if (b2) {
        r.put("k", s.k());
        r.put("gradient", s.gradient().id());
      }
      r.put("epochs", s.epochs());
      r.put("batch", cfg.batchSize());
      r.put("lr", cfg.learningRate());
      r.put("params", graph.parameters().count());
      r.put("sec_per_epoch_median", round(h.medianEpochSeconds()));
      r.put("sec_per_epoch_all", h.epochs().stream().map(e -> round(e.seconds())).toList());
      // for B2 the minimised loss is −L_k, so −loss is the training bound
      r.put(b2 ? "train_iwae_curve" : "train_elbo_curve", h.epochs().stream().map(e -> round(b2 ? -e.trainLoss() : e.trainElbo())).toList());
      if (b2) {
        r.put("test_iwae_curve", h.epochs().stream().map(e -> round(e.testBound())).toList());
      }
      r.put("test_elbo_curve", h.epochs().stream().map(e -> round(e.testElbo())).toList());
      if (b2) {
        r.put("test_iwae_bound", round(test.bound()));
      }
      r.put("test_elbo", round(test.elbo()));
      r.put("test_rate", round(test.rate()));
      r.put("test_distortion", round(test.distortion()));
      if (s.nllK() > 0) {
        int n = Math.min(s.nllExamples(), splits.test().size());
        long t0 = System.nanoTime();
        LogLikelihoodEstimate ll =
            new ImportanceSampledLogLikelihood(graph).estimate(splits.test(), n, s.nllK(), ImportanceSampledLogLikelihood.DEFAULT_BATCH);
        r.put("test_nll_is", round(ll.nll()));
        r.put("nll_standard_error", round(ll.standardError()));
        r.put("nll_effective_sample_size", round(ll.meanEffectiveSampleSize()));
        r.put("nll_k", ll.samples());
        r.put("nll_n", n);
        r.put("nll_secs", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        r.put("test_elbo_on_nll_subset", round(Evaluator.evaluate(graph, splits.test().head(n), Evaluator.DEFAULT_BATCH).elbo()));
      }
      r.put("active_units", test.activeUnits());
      r.put("active_unit_threshold", ActiveUnits.THRESHOLD);
      r.put("latent_var_of_mean", test.varianceOfMean());
      r.put("machine", MachineInfo.describe());
      return r;
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
