package dev.vaelab.spark;

import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.train.DataParallelStep;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.train.EpochMetrics;
import dev.vaelab.core.train.MetricsFiles;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.graph.GraphFamily;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The driver's checkpoint of every epoch of data-parallel training, written as the epoch arrives
 * ({@link EpochSink}): the state set into a model graph of the run, its test numbers evaluated, the
 * checkpoint saved with the run's settings and every epoch's metrics so far, and metrics.csv
 * rewritten — what {@code vaelab train} writes after every epoch, so a killed job resumes from its
 * last epoch.
 */
final class EpochCheckpoints implements AutoCloseable {
  private final RunSpec spec;
  private final RunFolder folder;
  private final DataSource.Splits data;
  private final PrintStream log;
  private final ModelGraph graph;
  private final DataParallelStep step;
  private final List<EpochMetrics> history = new ArrayList<>();

  EpochCheckpoints(GraphFamily<?> family, RunSpec spec, RunFolder folder, DataSource.Splits data, PrintStream log) {
    this.spec = spec;
    this.folder = folder;
    this.data = data;
    this.log = log;
    this.graph = family.newGraph(spec, spec.data().seed());
    this.step = new DataParallelStep(graph, DataParallelStep.Optimizer.ADAM, (float) spec.training().learningRate());
  }

  /** Writes the checkpoint of epoch {@code ep} from the training state after it. */
  synchronized void write(SparkDataParallel.Epoch ep, float[] state) {
    step.setState(state);
    step.setSteps(ep.steps());
    EvaluationResult test = data.test().size() > 0 ? Evaluator.evaluate(graph, data.test(), Evaluator.DEFAULT_BATCH) : null;
    history.add(new EpochMetrics(ep.epoch(), ep.steps(), ep.loss(), -(ep.rate() + ep.distortion()), ep.rate(), ep.distortion(),
        test == null ? Double.NaN : test.elbo(), test == null ? Double.NaN : test.rate(), test == null ? Double.NaN : test.distortion(),
        test == null ? Double.NaN : test.bound(), ep.seconds()));
    log.printf(Locale.ROOT, "epoch %d: train loss %.3f, test ELBO %.3f (%.1f s)%n", ep.epoch(), ep.loss(), test == null ? Double.NaN : test.elbo(),
        ep.seconds());
    graph.save(folder.checkpoints(), ep.epoch(), Map.of(RunFolder.CONFIG, spec.toJson() + "\n", Trainer.METRICS_FILE, MetricsFiles.csv(history)));
    new MetricsFiles(folder.dir()).withHistory(history).write();
  }

  @Override
  public void close() {
    graph.close();
  }
}
