package dev.vaelab.spark;

import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.io.Json;
import dev.vaelab.core.train.DataParallelStep;
import dev.vaelab.core.train.EpochMetrics;
import dev.vaelab.core.train.MetricsFiles;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.cli.FamilyOptions;
import dev.vaelab.lab.graph.GraphFamily;
import dev.vaelab.lab.Lab;
import dev.vaelab.lab.run.ModelFamilies;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.run.TrainingSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vaelab spark train}: trains a neural model data-parallel on Spark ({@link SparkDataParallel})
 * and writes a run folder every other vaelab command reads — config.json, a checkpoint (with Adam's
 * state, as {@code vaelab train} writes it), metrics.csv with each epoch's test numbers, summary.json,
 * images — by finishing the run with {@code vaelab train --resume}'s own code after the last epoch.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a neural model data-parallel on Spark (barrier mode) and write a run folder as `vaelab train` does.",
        "The options below are those of the model named by --model (default gaussian-vae), its training options, and the data-parallel settings."})
final class SparkTrainCommand implements Callable<Integer> {
  @Mixin MasterOption spark = new MasterOption();

  @Option(names = "--model", description = "Model family (default ${DEFAULT-VALUE}); a neural one.")
  String model = ModelFamilies.DEFAULT;

  @Option(names = "--workers", paramLabel = "W", description = "Barrier tasks, each with its shard and its own TensorFlow session (default ${DEFAULT-VALUE}; at most the free task slots).")
  int workers = 2;

  @Option(names = "--sync", description = "gradients (default: averaged every step) or parameters (the whole training state averaged every --every steps).")
  String sync = "gradients";

  @Option(names = "--every", paramLabel = "H", description = "With --sync parameters: steps between averages (default ${DEFAULT-VALUE}).")
  int every = 1;

  @Option(names = "--optimizer", description = "adam (default, as vaelab train) or sgd.")
  String optimizer = "adam";

  @Option(names = "--no-shuffle", description = "Each worker reads its shard in order every epoch (default: a seeded permutation per epoch).")
  boolean noShuffle;

  @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default runs/<model>-<date>-<time>).")
  Path out;

  @Option(names = "--overwrite", description = "Replace the run already in --out.")
  boolean overwrite;

  /** Set from the arguments' pre-scan: the data options, and the options of the model named by --model. */
  FamilyOptions options;

  /** Adds the data options and those of the family named by --model in {@code args} to the train subcommand. */
  static void addFamilyOptions(CommandLine train, String[] args) {
    SparkTrainCommand t = train.getCommand();
    t.options = FamilyOptions.addTo(train, "train", args, null);
  }

  @Override
  public Integer call() {
    ModelFamily<?> f = ModelFamilies.named(model);
    if (!(f instanceof GraphFamily<?> family) || !f.trainedByGradient()) {
      throw new IllegalArgumentException("model " + model + " is not trained by gradient steps; fit it with vaelab spark gmm or vaelab train");
    }
    SparkDataParallel.Settings settings = new SparkDataParallel.Settings(workers, SparkDataParallel.Sync.named(sync), every,
        DataParallelStep.Optimizer.named(optimizer), !noShuffle);
    RunSpec spec = options.spec(model);
    Path dir = out != null ? out : RunFolder.defaultPath(f.name());
    train(family, spec, dir, overwrite, settings, spark.master, System.out);
    return 0;
  }

  /** Trains data-parallel and writes the run folder; returns its summary. */
  static Map<String, Object> train(GraphFamily<?> family, RunSpec spec, Path dir, boolean overwrite, SparkDataParallel.Settings settings, String master,
      PrintStream log) {
    DataSource.Splits data = family.splits(spec);
    if (data.streamed()) {
      throw new IllegalArgumentException("--stream: data-parallel training shares rows held in memory; give the workers a file they can read whole");
    }
    RunSpec recorded = family.recorded(spec, data);
    int n = data.train().size();
    int d = data.train().dimension();
    float[] rows = new float[n * d];
    data.train().copyRange(0, n, rows);
    SparkDataParallel.Result result;
    String engine;
    try (RunFolder folder = RunFolder.create(dir, spec.family().name(), overwrite, w -> log.println("warning: " + w)); SparkContexts.Use use = SparkContexts.use(master, "vaelab spark train")) {
      folder.writeSpec(recorded);
      engine = "vaelab-spark " + use.session().sparkContext().master() + ", " + settings.workers() + " workers, " + settings.sync().name().toLowerCase(Locale.ROOT)
          + (settings.sync() == SparkDataParallel.Sync.PARAMETERS ? " every " + settings.every() + " steps" : " every step")
          + ", " + settings.optimizer().name().toLowerCase(Locale.ROOT);
      log.printf("training %s data-parallel (%s) on %s: %d train / %d test examples, %d epochs%n", family.name(), engine, data.name(), n,
          data.test().size(), spec.training().epochs());
      int c = data.train().hasContext() ? data.train().contextSize() : 0;
      float[] contexts = null;
      if (c > 0) { // a conditional model: each row's context travels with it
        contexts = new float[n * c];
        data.train().copyContextRows(java.util.stream.IntStream.range(0, n).toArray(), 0, n, contexts);
      }
      var jsc = SparkContexts.java(use.session());
      requireSlots(jsc, settings.workers());
      try (EpochCheckpoints checkpoints = new EpochCheckpoints(family, recorded, folder, data, log);
          EpochSink sink = new EpochSink(jsc.getConf().get("spark.driver.host", "localhost"), checkpoints::write)) {
        result = SparkDataParallel.train(jsc, recorded, rows, contexts, n, d, c, settings, sink.address());
        sink.finish();
        for (int e = sink.received(); e < result.epochs().size(); e++) { // not received (cannot happen unless the stream broke): from the result
          checkpoints.write(result.epochs().get(e), result.epochStates().get(e));
        }
      }
    }
    Map<String, Object> summary = Lab.resume(dir, null, log).toMap(); // images, test numbers, NLL, TensorBoard: vaelab train's own code
    Map<String, Object> s = new LinkedHashMap<>(summary);
    s.put("engine", engine);
    s.put("workers", settings.workers());
    s.put("sync", settings.sync().name().toLowerCase(Locale.ROOT));
    s.put("sync_every", settings.every());
    s.put("optimizer", settings.optimizer().name().toLowerCase(Locale.ROOT));
    s.put("train_seconds", result.seconds());
    s.put("train_examples_per_second", result.examplesPerSecond());
    Json.writeFile(dir.resolve(RunFolder.SUMMARY), s);
    log.printf(Locale.ROOT, "data-parallel training: %.1f s, %.0f examples/s over %d workers%n", result.seconds(), result.examplesPerSecond(),
        settings.workers());
    return s;
  }

  /**
   * Refuses, before the job, more workers than the task slots of a local master (local[N]: N /
   * spark.task.cpus): a barrier stage needs all its tasks at once, and Spark would retry it for
   * minutes before failing.
   */
  static void requireSlots(org.apache.spark.api.java.JavaSparkContext jsc, int workers) {
    String master = jsc.master();
    if (!master.startsWith("local")) {
      return; // a cluster's slots are known to its scheduler only; Spark checks them
    }
    int cpusPerTask = jsc.getConf().getInt("spark.task.cpus", 1);
    int slots = jsc.defaultParallelism() / Math.max(1, cpusPerTask);
    if (workers > slots) {
      throw new IllegalArgumentException("--workers " + workers + ": the master " + master + " has " + slots + " task slot(s)"
          + (cpusPerTask > 1 ? " (" + cpusPerTask + " cores per task)" : "") + "; data-parallel training runs every worker at once, so give --workers "
          + slots + " or fewer (or a larger local[N])");
    }
  }

}
