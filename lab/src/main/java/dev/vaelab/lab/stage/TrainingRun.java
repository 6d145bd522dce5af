package dev.vaelab.lab.stage;

import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.train.MetricsFiles;
import dev.vaelab.core.train.TensorBoardWriter;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state the stages of one training run share. The request (recipe, settings as given, folder,
 * whether it continues a run, log) is fixed; each stage fills in what it makes — the data and the
 * settings as recorded (LoadData, RecordSettings), the graph and trainer (BuildOrRestore), the
 * hook's summary entries (AfterTraining), the test result (EvaluateTest) — and the summary grows
 * entry by entry. {@link #close()} releases the graph and the TensorBoard writer.
 */
public final class TrainingRun implements AutoCloseable {
  final Recipe recipe;
  final RunSpec requested;
  final RunFolder folder;
  final boolean resume;
  final PrintStream log;

  RunSpec spec;
  DataSource.Splits data;
  ModelGraph graph;
  Trainer trainer;
  TensorBoardWriter tensorBoard;
  MetricsFiles metrics;
  RunHook hook = RunHook.NONE;
  int epochsDoneBefore;
  Map<String, Object> afterTraining = Map.of();
  EvaluationResult test;
  final Map<String, Object> summary = new LinkedHashMap<>();

  /**
   * @param recipe the family's recipe
   * @param requested the settings as given (a continued run: as read from its config.json)
   * @param resume whether the run in {@code folder} is continued
   */
  public TrainingRun(Recipe recipe, RunSpec requested, RunFolder folder, boolean resume, PrintStream log) {
    this.recipe = recipe;
    this.requested = requested;
    this.spec = requested;
    this.folder = folder;
    this.resume = resume;
    this.log = log;
  }

  /** The run's summary (complete after {@link WriteSummary}). */
  public Map<String, Object> summary() {
    return summary;
  }

  @Override
  public void close() {
    try (ModelGraph g = graph; TensorBoardWriter tb = tensorBoard) {
      // closed in reverse order of opening
    }
  }
}
