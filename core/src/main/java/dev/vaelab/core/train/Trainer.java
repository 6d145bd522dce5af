package dev.vaelab.core.train;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.graph.ModelGraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.Optimizer.GradAndVar;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * Trains a {@link ModelGraph} with Adam on shuffled minibatches.
 *
 * <p>Gradients are taken with respect to the model's explicit parameter list and applied with the
 * framework's {@code Adam.applyGradients} ({@code minimize} would differentiate every variable in
 * the graph, see TFJAVA.md), with the bias-correction update ordered ({@link OrderedAdam}). Each step also increments the graph's step counter (used by warm-up)
 * and runs the objective's state updates ({@link dev.vaelab.core.objective.Loss#updates}, e.g. an
 * EMA codebook) after the optimizer's update, in the same session run.
 * The order of the examples in epoch e depends only on (seed, e), so a run continued from a
 * checkpoint sees the same minibatches as an uninterrupted one.
 *
 * <p>The training set is copied into the graph once ({@link dev.vaelab.core.graph.ResidentData}:
 * native memory of its size for the graph's lifetime, not in checkpoints) and each step feeds only
 * the indices of its batch and fetches one tensor [loss, rate, distortion, ‖g‖²]; dynamically
 * binarised batches (drawn in Java) and data above {@code ResidentData.MAX_VALUES} floats are fed
 * row by row. Both paths give the same numbers.
 *
 * <p>Every step's loss terms are checked: a NaN or infinity stops training with a {@link
 * TrainingDivergedException} naming the step, the term and the last good checkpoint.
 */
public final class Trainer {
  private final ModelGraph graph;
  private final TrainerConfig config;
  private final Path checkpointDir;
  private final Op trainStep;
  private final Operand<TInt64> stepRead;
  /** [total loss, rate, distortion, ‖g‖²] of a step, fetched as one tensor. */
  private final Operand<TFloat32> stepTerms;
  private final Operand<org.tensorflow.types.TBool> parametersFinite;
  private long skippedBatches;
  private Path lastCheckpoint;
  private final List<EpochMetrics> history = new ArrayList<>();
  private java.util.Map<String, String> checkpointExtras = java.util.Map.of();
  private int epochsDone;
  private long stepsDone;

  /**
   * Adds the optimizer to {@code graph}.
   *
   * @param checkpointDir where a checkpoint is written after every epoch (null: none)
   */
  public Trainer(ModelGraph graph, TrainerConfig config, Path checkpointDir) {
    this.graph = graph;
    this.config = config;
    this.checkpointDir = checkpointDir;
    Ops tf = graph.tf();
    List<Variable<TFloat32>> params = graph.parameters().variables();
    if (params.isEmpty()) {
      throw new IllegalArgumentException("model '" + graph.spec().name() + "' has no trainable parameters");
    }
    Gradients grads = tf.gradients(graph.loss().total(), params);
    // ‖g‖² over all parameters: one scalar checked every step. With skipping on, a non-finite gradient
    // is also replaced by zeros before Adam sees it, so a skipped batch writes no NaN into the
    // parameters (without skipping, training stops at that step and the last checkpoint is good)
    List<Operand<TFloat32>> squares = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      squares.add(tf.reduceSum(tf.reshape(tf.math.square(grads.<TFloat32>dy(i)), tf.constant(new int[] {-1})), tf.constant(0)));
    }
    Operand<TFloat32> normSq = tf.math.addN(squares);
    Operand<org.tensorflow.types.TBool> finite = config.skipNonFiniteBatches() ? tf.math.isFinite(normSq) : null;
    List<GradAndVar<? extends TType>> pairs = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      Output<TFloat32> g = grads.<TFloat32>dy(i);
      Output<TFloat32> applied = finite == null ? g : tf.select(finite, g, tf.zerosLike(g)).asOutput();
      pairs.add(new GradAndVar<TFloat32>(applied, params.get(i).asOutput()));
    }
    // the framework's Adam, with its β-power update ordered after the parameter updates (OrderedAdam)
    Adam adam = new OrderedAdam(graph.graph(), (float) config.learningRate());
    Op apply = adam.applyGradients(pairs, "adam");
    Ops after = tf.withControlDependencies(List.of(apply));
    List<Op> updates = new ArrayList<>(graph.loss().updates(after));
    updates.add(after.assignAdd(graph.step(), tf.constant(1L)));
    this.trainStep = tf.withControlDependencies(updates).withName("train_step").noOp();
    this.stepRead = tf.identity(graph.step());
    this.stepTerms = tf.withName("step_terms").stack(List.of(graph.loss().total(), graph.rateMean(), graph.distortionMean(), normSq));
    // every parameter finite: checked at the end of each epoch, before its checkpoint — the update of an
    // epoch's last step is seen by no later loss, so a NaN it writes would otherwise be saved as "good"
    List<Operand<org.tensorflow.types.TBool>> finiteParams = new ArrayList<>();
    for (Variable<TFloat32> v : params) {
      finiteParams.add(tf.reduceAll(tf.math.isFinite(tf.reshape(v, tf.constant(new int[] {-1}))), tf.constant(0)));
    }
    this.parametersFinite = tf.withName("parameters_finite").reduceAll(tf.stack(finiteParams), tf.constant(0));
  }

  /** Whether every trainable parameter is finite now. */
  private boolean parametersFinite() {
    try (Result r = graph.session().runner().fetch(parametersFinite).run()) {
      return ((org.tensorflow.types.TBool) r.get(0)).getBoolean();
    }
  }

  /**
   * Restores the newest checkpoint of the checkpoint folder (model, optimizer state, step counter)
   * so that {@link #fit} continues after its epoch.
   *
   * @return the epoch the checkpoint was written after
   */
  public int resume() {
    return resume(w -> System.err.println("warning: " + w));
  }

  /**
   * As {@link #resume()}; a corrupt newest checkpoint is skipped for the previous one, with a
   * warning to {@code warn}. The metrics saved inside the checkpoint become {@link #history()}.
   */
  public int resume(java.util.function.Consumer<String> warn) {
    if (checkpointDir == null) {
      throw new IllegalStateException("this trainer has no checkpoint folder to resume from");
    }
    lastCheckpoint = graph.restore(checkpointDir, warn);
    epochsDone = (int) dev.vaelab.core.graph.Checkpoints.epochOf(lastCheckpoint);
    history.clear();
    dev.vaelab.core.graph.Checkpoints.readExtra(lastCheckpoint, METRICS_FILE)
        .ifPresent(text -> history.addAll(MetricsFiles.parse(text, lastCheckpoint.resolve(METRICS_FILE).toString())));
    try (Result r = graph.session().runner().fetch(stepRead).run()) {
      stepsDone = ((TInt64) r.get(0)).getLong();
    }
    return epochsDone;
  }

  /** Name of the metrics file stored inside every checkpoint folder. */
  public static final String METRICS_FILE = "metrics.csv";

  /**
   * Text files to store in every checkpoint besides the metrics (e.g. the run's configuration, so
   * that a continued run can check that it still matches the checkpoint).
   */
  public Trainer withCheckpointExtras(java.util.Map<String, String> extras) {
    this.checkpointExtras = java.util.Map.copyOf(extras);
    return this;
  }

  /**
   * Saves the current state again as the checkpoint of the last epoch trained, with the metrics
   * and extras (for state changed after training, e.g. a prior fitted to the training codes).
   */
  public void checkpointNow() {
    if (checkpointDir == null || epochsDone == 0) {
      return;
    }
    java.util.Map<String, String> extras = new java.util.LinkedHashMap<>(checkpointExtras);
    extras.put(METRICS_FILE, MetricsFiles.csv(this.history));
    lastCheckpoint = graph.save(checkpointDir, epochsDone, extras);
  }

  /**
   * For a checkpoint written before checkpoints carried their metrics: takes the rows of the
   * epochs up to the restored one from {@code earlier} (the run's metrics file). No effect when
   * the checkpoint had its own.
   */
  public void restoreHistoryIfMissing(List<EpochMetrics> earlier) {
    if (history.isEmpty()) {
      earlier.stream().filter(m -> m.epoch() <= epochsDone).forEach(history::add);
    }
  }

  /** Every epoch's metrics so far: those restored with the checkpoint, then the ones trained here. */
  public List<EpochMetrics> history() {
    return List.copyOf(history);
  }

  /**
   * Trains for {@code epochs} more epochs on rows in memory ({@link Dataset}) or streamed from
   * disk ({@link dev.vaelab.core.data.StreamedNpyRows}: no dynamic binarisation, no context; the
   * values are checked chunk by chunk as they are read).
   *
   * @param test evaluated after each epoch (null: skip)
   */
  public TrainingHistory fit(dev.vaelab.core.data.TrainingRows train, Dataset test, int epochs, List<TrainingListener> listeners) {
    int dataSize = (int) graph.model().dataSize();
    Dataset inMemory = train instanceof Dataset d ? d : null;
    if (inMemory != null) {
      inMemory.requireDimension(dataSize, "model");
      if (!config.dynamicBinarization()) {
        graph.spec().checkData(inMemory);
      } else {
        inMemory.requireUnitInterval("dynamic binarisation");
      }
    } else {
      if (train.dimension() != dataSize) {
        throw new IllegalArgumentException("model expects " + dataSize + " values per example, " + train.name() + " has " + train.dimension());
      }
      if (config.dynamicBinarization()) {
        throw new IllegalArgumentException("dynamic binarisation draws from the data in memory; streamed rows are binarised statically as read");
      }
      if (graph.isConditional()) {
        throw new IllegalArgumentException("a conditional model needs each example's context; streamed rows have none");
      }
    }
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
    }
    int batch = config.batchSize();
    int batches = (train.size() + batch - 1) / batch;
    float[] buf = new float[batch * dataSize];
    if (inMemory != null) {
      graph.checkContext(inMemory);
    }
    float[] ctx = train.hasContext() ? new float[batch * train.contextSize()] : null;
    // the rows stay inside the graph and each step feeds only its batch's indices, unless they are
    // binarised afresh per batch (drawn here in Java) or too large to keep resident
    boolean resident = inMemory != null && !config.dynamicBinarization() && dev.vaelab.core.graph.ResidentData.fits(inMemory);
    if (resident && !graph.resident().holds(inMemory)) {
      graph.resident().load(graph.session(), inMemory);
    }
    List<EpochMetrics> newRows = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      int epoch = epochsDone + 1;
      Random random = new Random(config.seed() * 1_000_003L + epoch);
      int[] order = train.order(random); // a Dataset's: its permutation, as before
      double loss = 0;
      double rate = 0;
      double distortion = 0;
      int counted = 0;
      long skippedBefore = skippedBatches;
      long t0 = System.nanoTime();
      for (int b = 0; b < batches; b++) {
        int from = b * batch;
        int n = Math.min(batch, train.size() - from);
        float[] terms;
        if (resident) {
          terms = step(null, order, from, n, epoch);
        } else {
          if (config.dynamicBinarization()) {
            inMemory.copyRowsBinarized(order, from, from + n, buf, random);
          } else {
            train.copyRows(order, from, from + n, buf);
          }
          train.copyContextRows(order, from, from + n, ctx);
          terms = step(new dev.vaelab.core.data.Batch(buf, ctx, n), null, 0, n, epoch);
        }
        if (terms == null) {
          continue; // skipped: its gradient was replaced by zeros, its loss is not counted
        }
        counted += n;
        loss += (double) terms[0] * n;
        rate += (double) terms[1] * n;
        distortion += (double) terms[2] * n;
        for (TrainingListener l : listeners) {
          l.onBatch(epoch, b + 1, batches, terms[0]);
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (!parametersFinite()) {
        throw new TrainingDivergedException(stepsDone, epoch, "a parameter after the update of this step", Double.NaN,
            lastCheckpoint == null ? null : lastCheckpoint.toString());
      }
      epochsDone = epoch;
      int m = Math.max(1, counted);
      double testElbo = Double.NaN;
      double testRate = Double.NaN;
      double testDistortion = Double.NaN;
      double testBound = Double.NaN;
      if (test != null) {
        EvaluationResult r = Evaluator.evaluate(graph, test, Evaluator.DEFAULT_BATCH);
        testElbo = r.elbo();
        testRate = r.rate();
        testDistortion = r.distortion();
        testBound = r.bound();
        for (double[] t : new double[][] {{testElbo}, {testRate}, {testDistortion}}) {
          if (!Double.isFinite(t[0])) {
            epochsDone = epoch - 1;
            throw new TrainingDivergedException(stepsDone, epoch, "a test number (ELBO " + testElbo + ", rate " + testRate + ", distortion "
                + testDistortion + ")", t[0], lastCheckpoint == null ? null : lastCheckpoint.toString());
          }
        }
      }
      EpochMetrics metrics =
          new EpochMetrics(
              epoch, stepsDone, loss / m, -(rate + distortion) / m, rate / m, distortion / m,
              testElbo, testRate, testDistortion, testBound, seconds, skippedBatches - skippedBefore);
      this.history.add(metrics);
      // the checkpoint carries the metrics of every epoch up to it: a kill between the checkpoint
      // and the metrics files loses nothing, a continued run rewrites the files from it
      checkpointNow();
      newRows.add(metrics);
      for (TrainingListener l : listeners) {
        l.onEpochEnd(metrics);
      }
    }
    return new TrainingHistory(newRows);
  }

  /** One optimisation step on {@code batch}, or (batch null) on the resident rows order[from .. from + n). */
  private float[] step(dev.vaelab.core.data.Batch batch, int[] order, int from, int n, int epoch) {
    List<org.tensorflow.Tensor> fed = new ArrayList<>();
    org.tensorflow.Session.Runner runner = graph.session().runner();
    if (batch != null) {
      graph.feed(runner, batch, fed);
    } else {
      graph.resident().feedIndices(runner, order, from, n, fed);
    }
    try (Result r = runner.addTarget(trainStep).fetch(stepTerms).run()) {
      stepsDone++;
      float[] terms = Feeds.values(r.get(0));
      String[] names = {"total loss", "rate", "distortion", "gradient"};
      for (int i = 0; i < 4; i++) {
        if (!Float.isFinite(terms[i])) {
          if (config.skipNonFiniteBatches()) {
            skippedBatches++;
            return null;
          }
          throw new TrainingDivergedException(
              stepsDone, epoch, names[i], terms[i], lastCheckpoint == null ? null : lastCheckpoint.toString());
        }
      }
      return terms;
    } finally {
      fed.forEach(org.tensorflow.Tensor::close);
    }
  }

  /** Epochs trained so far (including those restored by {@link #resume}). */
  public int epochsDone() {
    return epochsDone;
  }

  /** Batches skipped for a non-finite loss or gradient (only with skipNonFiniteBatches). */
  public long skippedBatches() {
    return skippedBatches;
  }

  /** Optimisation steps taken so far. */
  public long stepsDone() {
    return stepsDone;
  }

  /** The newest checkpoint written or restored, or null. */
  public Path lastCheckpoint() {
    return lastCheckpoint;
  }

  public ModelGraph graph() {
    return graph;
  }
}
