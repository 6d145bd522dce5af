package dev.vaelab.spark;

import dev.vaelab.core.data.Batch;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.train.DataParallelStep;
import dev.vaelab.lab.graph.GraphFamily;
import dev.vaelab.lab.run.RunSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.reflect.ClassTag$;

/**
 * Data-parallel training of a registered neural model in Spark's barrier execution mode: W tasks
 * start together, each builds the run's model in its own TensorFlow session and holds one shard of
 * the training rows, and at every step each takes its share of the batch (⌈B / W⌉ rows of its shard).
 *
 * <ul>
 *   <li>{@link Sync#GRADIENTS} (the default, every step): each task's gradient g_w of its rows' mean
 *       loss and its row count n_w are exchanged through task 0 ({@link TaskHub}, whose address
 *       {@code BarrierTaskContext.allGather} publishes); every task applies ḡ = Σ n_w g_w / Σ n_w — the gradient of the whole batch — so the tasks' parameters stay
 *       identical, bit for bit (the same sum in the same order everywhere).
 *   <li>{@link Sync#PARAMETERS} (every H steps): each task takes ordinary local steps and every H
 *       steps the tasks replace their whole training state — parameters, Adam's moments m and v, model
 *       state such as an EMA codebook — by its mean over the tasks (local SGD / model averaging).
 * </ul>
 *
 * A model that also updates state outside the gradient (a VQ-VAE's EMA codebook and cluster sizes,
 * its usage counts, dead codes revived from the batch) updates it on each task's share of the batch;
 * the tasks then average their whole training state after every step (gradient mode; it holds that
 * state) or every H steps (parameter mode).
 *
 * <p>Each task's TensorFlow session runs its kernels on {@code spark.task.cpus} threads: one thread
 * (single-threaded kernels) when a task has one core, as in {@code local[N]}.
 *
 * <p>Each task draws its noise with draw index w (different noise per task; task 0's is a single
 * process's). The tasks start from task 0's initial state. Task 0 returns the training state after
 * every epoch and the per-epoch loss terms summed over every task's rows.
 */
public final class SparkDataParallel {
  /** What the tasks exchange. */
  public enum Sync {
    /** Gradients, every step. */
    GRADIENTS,
    /** The whole training state, every H steps. */
    PARAMETERS;

    /** By name (gradients, parameters). */
    public static Sync named(String name) {
      for (Sync s : values()) {
        if (s.name().equalsIgnoreCase(name)) {
          return s;
        }
      }
      throw new IllegalArgumentException("--sync must be gradients or parameters, got '" + name + "'");
    }
  }

  /**
   * @param workers barrier tasks W (at most the cluster's free task slots: N for local[N])
   * @param sync what is exchanged
   * @param every H: steps between exchanges of {@link Sync#PARAMETERS} (1 for gradients)
   * @param optimizer SGD or Adam (the run's learning rate)
   * @param shuffle each task permutes its shard every epoch (seeded); off: rows in order
   */
  public record Settings(int workers, Sync sync, int every, DataParallelStep.Optimizer optimizer, boolean shuffle) implements Serializable {
    public Settings {
      if (workers < 1) {
        throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
      }
      if (every < 1) {
        throw new IllegalArgumentException("--every must be >= 1, got " + every);
      }
      if (sync == Sync.GRADIENTS && every != 1) {
        throw new IllegalArgumentException("--every " + every + " applies to --sync parameters; gradients are averaged every step");
      }
    }
  }

  /** One epoch over every task's rows: loss terms averaged over the rows, wall time. */
  public record Epoch(int epoch, long steps, double loss, double rate, double distortion, double seconds, long rows) implements Serializable {}

  /** What training returns: the state after every epoch (the last is final), the epochs, the time. */
  /**
   * @param initialState the state every task started from
   * @param trainedSize the leading values of each state that are parameters and Adam moments (the model's own state follows)
   */
  public record Result(float[] initialState, List<float[]> epochStates, List<Epoch> epochs, double seconds, long steps, int workers, int trainedSize)
      implements Serializable {
    /** The final training state. */
    public float[] state() {
      return epochStates.get(epochStates.size() - 1);
    }

    /** The final parameters and Adam moments. */
    public float[] trained() {
      return java.util.Arrays.copyOf(state(), trainedSize);
    }

    /** Training rows per second over the whole run (every task together). */
    public double examplesPerSecond() {
      long rows = epochs.stream().mapToLong(Epoch::rows).sum();
      return rows / seconds;
    }
  }

  private SparkDataParallel() {}

  /**
   * Trains the model of {@code spec} (a graph family; its training settings give epochs, batch size,
   * learning rate, seed) on {@code rows} (n × d, the model's inputs).
   */
  public static Result train(JavaSparkContext jsc, RunSpec spec, float[] rows, int n, int d, Settings settings) {
    return train(jsc, spec, rows, null, n, d, 0, settings);
  }

  /**
   * As {@link #train(JavaSparkContext, RunSpec, float[], int, int, Settings)} for a conditional model:
   * each row's context ({@code contexts}, n × c) travels with it to its shard.
   */
  public static Result train(JavaSparkContext jsc, RunSpec spec, float[] rows, float[] contexts, int n, int d, int c, Settings settings) {
    return train(jsc, spec, rows, contexts, n, d, c, settings, null);
  }

  /**
   * As {@link #train(JavaSparkContext, RunSpec, float[], float[], int, int, int, Settings)}; the first
   * task also sends every epoch's numbers and state to {@code epochSink} ({@code host:port}, an {@link
   * EpochSink} of the driver) as soon as the epoch ends.
   */
  static Result train(JavaSparkContext jsc, RunSpec spec, float[] rows, float[] contexts, int n, int d, int c, Settings settings,
      String epochSink) {
    if (!(spec.family() instanceof GraphFamily<?>)) {
      throw new IllegalArgumentException("model " + spec.family().name() + " is not trained by gradient steps; data-parallel training is for the neural models");
    }
    if (n < settings.workers()) {
      throw new IllegalArgumentException(n + " training rows cannot be shared by " + settings.workers() + " workers");
    }
    if (rows.length != (long) n * d) {
      throw new IllegalArgumentException(n + " rows of " + d + " values need " + (long) n * d + " values, got " + rows.length);
    }
    if (c > 0 && (contexts == null || contexts.length != (long) n * c)) {
      throw new IllegalArgumentException(n + " rows with " + c + " context values each need " + (long) n * c + " context values, got "
          + (contexts == null ? "none" : contexts.length));
    }
    List<float[]> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) { // a row's values, then its context
      float[] r = new float[d + c];
      System.arraycopy(rows, i * d, r, 0, d);
      if (c > 0) {
        System.arraycopy(contexts, i * c, r, d, c);
      }
      list.add(r);
    }
    String json = spec.toJson();
    JavaRDD<float[]> shards = jsc.parallelize(list, settings.workers()); // contiguous slices, one per task
    scala.Function1<scala.collection.Iterator<float[]>, scala.collection.Iterator<Result>> task =
        (scala.Function1<scala.collection.Iterator<float[]>, scala.collection.Iterator<Result>> & Serializable) it ->
            scala.jdk.javaapi.CollectionConverters.asScala(runTask(scala.jdk.javaapi.CollectionConverters.asJava(it), json, d, c, settings, epochSink)
                .iterator());
    long t0 = System.nanoTime();
    List<Result> out = shards.rdd().barrier().mapPartitions(task, false, ClassTag$.MODULE$.apply(Result.class)).toJavaRDD().collect();
    double seconds = (System.nanoTime() - t0) / 1e9;
    Result r = out.get(0);
    return new Result(r.initialState(), r.epochStates(), r.epochs(), seconds, r.steps(), settings.workers(), r.trainedSize());
  }

  /** One barrier task: its shard, its model, the exchange at every step. */
  static List<Result> runTask(java.util.Iterator<float[]> shard, String specJson, int d, int c, Settings s, String epochSink) {
    BarrierTaskContext ctx = BarrierTaskContext.get();
    int w = ctx.partitionId();
    int workers = ctx.getTaskInfos().length;
    List<float[]> mine = new ArrayList<>();
    shard.forEachRemaining(mine::add);
    RunSpec spec = RunSpec.parse(dev.vaelab.core.io.Json.parse(specJson, "the run's configuration").getAsJsonObject(), "the run's configuration", null);
    if (ctx.cpus() == 1) { // one core per task (spark.task.cpus): single-threaded kernels, not W sessions fighting over every core
      spec = spec.withTraining(spec.training().with("deterministic", true));
    }
    var ts = spec.training();
    long seed = spec.data().seed();
    try (TaskHub hub = TaskHub.connect(ctx); ModelGraph graph = ((GraphFamily<?>) spec.family()).newGraph(spec, seed);
        EpochSink.Sender sender = w == 0 && epochSink != null ? new EpochSink.Sender(epochSink) : null) {
      if (graph.isConditional() != (c > 0)) {
        throw new IllegalArgumentException("model " + spec.family().name() + (c > 0 ? " is not conditional but got contexts" : " is conditional: give each row's context"));
      }
      DataParallelStep step = new DataParallelStep(graph, s.optimizer(), (float) ts.learningRate());
      float[] initial = hub.fromFirst(step.state());
      step.setState(initial); // every task starts from task 0's state
      double[] sizes = new double[workers];
      sizes[w] = mine.size();
      long largest = 0;
      for (double z : hub.sum(sizes)) {
        largest = Math.max(largest, (long) z);
      }
      int share = (ts.batchSize() + workers - 1) / workers;
      int steps = (int) ((largest + share - 1) / share);
      float[] buf = new float[share * d];
      List<float[]> states = new ArrayList<>();
      List<Epoch> epochs = new ArrayList<>();
      long taken = 0;
      long stepsDone = 0;
      for (int epoch = 1; epoch <= ts.epochs(); epoch++) {
        long t0 = System.nanoTime();
        int[] order = s.shuffle() ? dev.vaelab.core.data.Dataset.permutation(mine.size(), new Random(seed * 1_000_003L + epoch * 7919L + w))
            : java.util.stream.IntStream.range(0, mine.size()).toArray();
        double[] sums = new double[4]; // Σ n·loss, Σ n·rate, Σ n·distortion, n — this task's rows
        for (int b = 0; b < steps; b++) {
          int from = b * share;
          int count = Math.max(0, Math.min(share, mine.size() - from));
          float[] rowContexts = c > 0 ? new float[count * c] : null;
          for (int i = 0; i < count; i++) {
            float[] r = mine.get(order[from + i]);
            System.arraycopy(r, 0, buf, i * d, d);
            if (c > 0) {
              System.arraycopy(r, d, rowContexts, i * c, c);
            }
          }
          Batch batch = count > 0 ? new Batch(java.util.Arrays.copyOf(buf, count * d), rowContexts, count) : null;
          if (s.sync() == Sync.GRADIENTS) {
            DataParallelStep.Gradient g = batch != null ? step.gradient(batch, w) : null;
            float[] mean = hub.weightedMean(g == null ? null : g.values(), count, step.gradientSize());
            requireFinite(mean, "averaged gradient", epoch, stepsDone + 1); // every task holds the same ḡ: all stop together
            step.apply(mean, batch, w);
            if (step.hasNonGradientUpdates()) { // EMA statistics, usage counts, revived codes: each task's from its share, averaged
              step.setState(hub.weightedMean(step.state(), 1, step.stateSize()));
            }
            add(sums, g == null ? null : g.terms(), count);
          } else {
            float[] terms = batch != null ? step.localStep(batch, w) : null;
            add(sums, terms, count);
            taken++;
            boolean last = epoch == ts.epochs() && b == steps - 1;
            if (taken % s.every() == 0 || last) {
              float[] mean = hub.weightedMean(step.state(), 1, step.stateSize());
              requireFinite(mean, "averaged training state", epoch, stepsDone + 1);
              step.setState(mean);
            }
          }
          stepsDone++;
        }
        double[] total = hub.sum(sums);
        double secs = (System.nanoTime() - t0) / 1e9;
        epochs.add(new Epoch(epoch, stepsDone, total[0] / total[3], total[1] / total[3], total[2] / total[3], secs, (long) total[3]));
        if (w == 0) {
          states.add(step.state());
          if (sender != null) {
            sender.send(epochs.get(epochs.size() - 1), states.get(states.size() - 1));
          }
        }
      }
      return w == 0 ? List.of(new Result(initial, states, epochs, 0, stepsDone, workers, step.trainedStateSize())) : List.of();
    }
  }

  /** Stops training (on every task at once: they hold the same values) when an average has a NaN or infinite value. */
  static void requireFinite(float[] v, String what, int epoch, long step) {
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new IllegalStateException("training diverged at step " + step + " (epoch " + epoch + "): the " + what + " has the value " + v[i]
            + " at position " + i + "; lower the learning rate");
      }
    }
  }

  private static void add(double[] sums, float[] terms, int count) {
    if (terms == null) {
      return;
    }
    for (int j = 0; j < 3; j++) {
      sums[j] += (double) terms[j] * count;
    }
    sums[3] += count;
  }
}
