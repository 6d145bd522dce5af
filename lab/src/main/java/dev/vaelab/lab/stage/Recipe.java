package dev.vaelab.lab.stage;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a family is, for one run of the standard training pipeline: its name, the data it reads (and
 * whether it can stream them from disk), the graph of its model and objective, its hook, and how its
 * test numbers, log-likelihood and images are made. The stages ({@link TrainingPipeline}) do the rest
 * the same way for every family.
 */
public interface Recipe {
  /** The family's name. */
  String model();

  /** Whether the family can train on rows streamed from disk ({@code --stream}). */
  boolean streams();

  /** The run's data, read and preprocessed as the family needs them. */
  DataSource.Splits data(RunSpec spec);

  /**
   * Latent samples drawn per example by a training step (an IWAE's k · M; 1 for most): a batch holds
   * batch size × this × the example's values, checked before training against what one block holds.
   */
  default long samplesPerExample() {
    return 1;
  }

  /** The option that sets {@link #samplesPerExample}, as the user types it ("--k 5000"), or "" when it is 1. */
  default String samplesOption() {
    return "";
  }

  /** A new graph of the model and objective of {@code spec} with initial values fixed by {@code seed}. */
  ModelGraph graph(RunSpec spec, long seed);

  /** The family's extra work around training (see {@link RunHook}). */
  RunHook hook(ModelGraph graph, RunSpec spec, Dataset train, RunFolder folder, PrintStream log, boolean resume);

  /** The test numbers of a trained or restored model, as summary entries. */
  Map<String, Object> testNumbers(ModelGraph graph, EvaluationResult test, Dataset testData);

  /** The importance-sampled test log-likelihood with K samples on the first n test examples. */
  Map<String, Object> logLikelihood(ModelGraph graph, Dataset test, int k, int n, PrintStream log);

  /**
   * Whether the model's objective bounds ln p(y) (its ELBO and bound are reported); false for a deterministic encoder,
   * whose summary carries {@code test_nll_unavailable} instead.
   */
  default boolean boundsLikelihood() {
    return true;
  }

  /** Writes the run's image grids (or samples.csv for vector data). */
  void writeImages(RunSpec spec, ModelGraph graph, Dataset test, RunFolder folder);
}
