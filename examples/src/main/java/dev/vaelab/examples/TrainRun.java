package dev.vaelab.examples;

import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.io.AtomicFiles;
import dev.vaelab.core.io.Json;
import dev.vaelab.core.train.MetricsFiles;
import dev.vaelab.core.train.ProgressBar;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainingHistory;
import dev.vaelab.core.train.TrainingListener;
import dev.vaelab.iwae.ImportanceSampledLogLikelihood;
import dev.vaelab.vq.VqVae;
import dev.vaelab.iwae.ImportanceWeightedBound;
import dev.vaelab.iwae.LogLikelihoodEstimate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vaelab train}: trains a model and writes a run folder:
 *
 * <pre>
 *   config.json  metrics.csv  metrics.json  summary.json
 *   samples.png  reconstructions.png  interpolations.png  checkpoint/
 * </pre>
 */
public final class TrainRun {
  /** Samples in samples.png. */
  public static final int SAMPLES = 64;
  /** Test images in reconstructions.png. */
  public static final int RECONSTRUCTIONS = 16;

  /** What a run produced. */
  public record Result(Path runDir, Map<String, Object> summary, TrainingHistory history, EvaluationResult test) {}

  private TrainRun() {}

  /** Trains per {@code config} into {@code runDir}; progress goes to {@code log}. */
  public static Result run(RunConfig config, Path runDir, PrintStream log) {
    return execute(config, runDir, log, false);
  }

  /**
   * Continues an interrupted run from its newest checkpoint (model, Adam state, step counter — and
   * with them the noise and the minibatch order, so the result is that of an uninterrupted run) up
   * to the epochs of its config.json.
   */
  public static Result resume(Path runDir, PrintStream log) {
    return execute(RunConfig.readRunFolder(runDir), runDir, log, true);
  }

  private static Result execute(RunConfig config, Path runDir, PrintStream log, boolean resume) {
    config.validate();
    if ("gmm".equals(config.model)) {
      throw new IllegalArgumentException("model gmm is fitted by EM: use GmmRun (vaelab train --model gmm dispatches to it)");
    }
    DataSource.Splits data =
        DataSource.load(config.data, config.decoderType() == dev.vaelab.gaussian.GaussianVae.DecoderType.BERNOULLI,
            config.trainLimit, config.testLimit);
    if (!resume) {
      AtomicFiles.writeString(runDir.resolve("config.json"), config.toJson() + "\n");
    }
    try (ModelGraph graph = config.buildGraph(config.seed)) {
      Trainer trainer = new Trainer(graph, config.trainerConfig(), runDir.resolve("checkpoint"));
      int done = resume ? trainer.resume() : 0;
      if (resume) {
        log.printf("resuming %s after epoch %d of %d (step %d)%n", runDir, done, config.epochs, trainer.stepsDone());
      }
      log.printf(
          "training %s (%d parameters) on %s: %d train / %d test examples, %d epochs%n",
          config.model, graph.parameters().count(), data.name(), data.train().size(), data.test().size(), config.epochs);
      List<TrainingListener> listeners = new ArrayList<>();
      listeners.add(new ProgressBar(log, config.epochs));
      final int doneEpochs = done;
      listeners.add(new MetricsFiles(runDir).withHistory(
          MetricsFiles.read(runDir).stream().filter(m -> resume && m.epoch() <= doneEpochs).toList()));
      VqParts vq = config.isVq() ? VqParts.before(graph, (VqVae) graph.spec(), config, data.train(), log, resume) : null;
      if (vq != null) {
        listeners.add(vq.usage());
      }
      TrainingHistory history = trainer.fit(data.train(), data.test(), Math.max(0, config.epochs - done), listeners);
      List<dev.vaelab.core.train.EpochMetrics> all = MetricsFiles.read(runDir);
      Map<String, Object> vqSummary = vq == null ? Map.of() : vq.after(graph, data.train(), data.test(), runDir.resolve("checkpoint"), trainer.epochsDone());
      EvaluationResult test = Evaluator.evaluate(graph, data.test(), Evaluator.DEFAULT_BATCH);
      RunImages.samples(graph, SAMPLES, runDir.resolve("samples.png"));
      RunImages.reconstructions(graph, data.test(), RECONSTRUCTIONS, runDir.resolve("reconstructions.png"));
      RunImages.interpolations(graph, data.test(), 4, runDir.resolve("interpolations.png"));

      Map<String, Object> s = new LinkedHashMap<>();
      s.put("model", config.model);
      s.put("dataset", data.name());
      s.put("train_examples", data.train().size());
      s.put("test_examples", data.test().size());
      s.put("epochs", trainer.epochsDone());
      s.put("steps", trainer.stepsDone());
      s.put("parameters", graph.parameters().count());
      s.put("test_elbo", test.elbo());
      s.put("test_rate", test.rate());
      s.put("test_distortion", test.distortion());
      s.put("test_bits_per_dim", test.bitsPerDim());
      // active units measure Gaussian posteriors; a VQ latent is a code, not a posterior mean
      s.put("active_units", config.isVq() ? null : test.activeUnits());
      if (config.objective() instanceof ImportanceWeightedBound iw) {
        s.put("k", iw.k());
        s.put("gradient", iw.estimator().id());
        s.put("test_iwae_k", test.bound());
      }
      s.putAll(vqSummary);
      if (config.nllK > 0 && !config.isVq()) {
        int n = Math.min(config.nllExamples, data.test().size());
        log.printf("estimating the test log-likelihood: K = %d importance samples on %d test images%n", config.nllK, n);
        LogLikelihoodEstimate ll =
            new ImportanceSampledLogLikelihood(graph).estimate(data.test(), n, config.nllK, ImportanceSampledLogLikelihood.DEFAULT_BATCH);
        s.putAll(ll.toMap());
        log.printf("test NLL %.2f ± %.2f nats (K = %d, %d images, mean ESS %.1f)%n",
            ll.nll(), ll.standardError(), ll.samples(), ll.examples(), ll.meanEffectiveSampleSize());
      }
      s.put("latent_size", graph.model().latentSize());
      TrainingHistory whole = new TrainingHistory(all);
      s.put("seconds_per_epoch", all.isEmpty() ? Double.NaN : whole.medianEpochSeconds());
      s.put("train_elbo", all.isEmpty() ? Double.NaN : whole.last().trainElbo());
      s.put("checkpoint", trainer.lastCheckpoint() == null ? null : runDir.relativize(trainer.lastCheckpoint()).toString());
      AtomicFiles.writeString(runDir.resolve("summary.json"), Json.write(s) + "\n");
      log.printf(
          "test ELBO %.2f nats (rate %.2f, distortion %.2f), %.4f bits/dim, %d active units; run folder %s%n",
          test.elbo(), test.rate(), test.distortion(), test.bitsPerDim(), test.activeUnits(), runDir);
      return new Result(runDir, s, history, test);
    }
  }
}
