package dev.vaelab.core.graph;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.data.Batch;
import dev.vaelab.core.model.Conditioning;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.nn.Parameters;
import dev.vaelab.core.objective.Loss;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.objective.ObjectiveContext;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * One model built into one TensorFlow {@link Graph} with its {@link Session}: the triad, its
 * objective on a batch placeholder, and the inference outputs (posterior means, reconstructions,
 * decoding of given latents, ancestral samples). The {@link dev.vaelab.core.train.Trainer} adds the
 * optimizer to it; a fresh process rebuilds the same graph and restores a checkpoint into it.
 *
 * <p>The session is created on first use, after all ops are added. It is thread-safe for
 * concurrent runs; adding ops while other threads run is not.
 */
public final class ModelGraph implements AutoCloseable {
  private final Graph graph;
  private final Ops tf;
  private final ModelSpec spec;
  private final Objective objective;
  private final Parameters parameters;
  private final LatentVariableModel model;
  private final Operand<TFloat32> y;
  private final Operand<TFloat32> context;
  private final ResidentData resident;
  private final Conditioning conditioning;
  private final Placeholder<TFloat32> z;
  private final Placeholder<TInt32> sampleCount;
  private final Variable<TInt64> step;
  private final Loss loss;
  private final Operand<TFloat32> rateMean;
  private final Operand<TFloat32> distortionMean;
  private final Operand<TFloat32> posteriorMean;
  private final Operand<TFloat32> reconstruction;
  private final Operand<TFloat32> decoded;
  private final Operand<TFloat32> samples;
  private final Operand<TFloat32> priorLatents;
  private final Seed.Sequence seeds;
  private final org.tensorflow.op.core.PlaceholderWithDefault<TInt64> draw;
  private final java.util.concurrent.atomic.AtomicLong draws = new java.util.concurrent.atomic.AtomicLong();
  private Session session;
  private boolean deterministic;

  private ModelGraph(ModelSpec spec, Objective objective, long seed) {
    this.spec = spec;
    this.objective = objective;
    this.graph = new Graph();
    this.tf = Ops.create(graph);
    this.step = tf.withName("global_step").variable(tf.constant(0L));
    // random ops draw stateless noise keyed by the step counter, which checkpoints save: a resumed
    // run and a restored model see the same noise as an uninterrupted one
    // counter = step · 2^20 + draw: training leaves draw at 0; evaluation and sampling feed a fresh
    // draw index so that repeated calls at one step see different (but reproducible) noise
    this.draw = tf.withName("draw").placeholderWithDefault(tf.constant(0L), Shape.scalar());
    Operand<TInt64> counter =
        tf.math.add(tf.math.mul(tf.withName("global_step_read").identity(step), tf.constant(1L << 20)), draw);
    this.seeds = new Seed.Sequence(seed, counter);
    this.parameters = new Parameters(tf);
    long contextSize = spec.contextSize();
    // a conditional model's components capture the context placeholder c [batch, C]
    // y and c are fed per batch (evaluation, sampling, dynamic binarisation) or, when not fed, are
    // the rows of the resident training data selected by the fed batch indices (ResidentData)
    this.resident = new ResidentData(tf);
    this.context = contextSize > 0 ? resident.contextInput(tf, contextSize) : null;
    this.conditioning = contextSize > 0 ? Conditioning.on(context, contextSize) : Conditioning.NONE;
    Operand<TFloat32> stepFloat = tf.dtypes.cast(tf.identity(step), TFloat32.class); // for schedules in components and objective
    this.model = spec.build(tf, parameters, seed, new dev.vaelab.core.model.BuildContext(conditioning, stepFloat));
    long dataSize = model.dataSize();
    long latentSize = model.latentSize();
    this.y = resident.dataInput(tf, dataSize);
    this.z = tf.withName("z").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, latentSize)));
    this.sampleCount = tf.withName("sample_count").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));

    Ops obj = tf.withSubScope("objective");
    this.loss = objective.build(obj, model, y, new ObjectiveContext(stepFloat, seeds, conditioning));
    this.rateMean = obj.math.mean(loss.rate(), obj.constant(0));
    this.distortionMean = obj.math.mean(loss.distortion(), obj.constant(0));

    Ops inf = tf.withSubScope("inference");
    Distribution q = model.encoder().encode(inf, y);
    this.posteriorMean = q.mean(inf);
    this.reconstruction = model.decoder().decode(inf, posteriorMean).mean(inf);
    this.decoded = model.decoder().decode(inf, z).mean(inf);
    Operand<TInt32> priorShape =
        inf.stack(List.of(sampleCount, inf.constant((int) latentSize)));
    Operand<TFloat32> zPrior = model.prior().distribution(inf).sample(inf, priorShape, seeds.next());
    this.priorLatents = zPrior;
    this.samples = model.decoder().decode(inf, zPrior).mean(inf);
  }

  /** Builds {@code spec} trained on {@code objective} into a new graph; {@code seed} fixes initial values and noise. */
  public static ModelGraph build(ModelSpec spec, Objective objective, long seed) {
    return new ModelGraph(spec, objective, seed);
  }

  /**
   * As {@link #build}, but the session runs every kernel on one thread, so that bit-for-bit
   * reproducibility cannot depend on the order in which multi-threaded kernels combine partial sums
   * (on the project machine default sessions were already bit-reproducible; this is the safeguard
   * for others). Slower on several cores.
   *
   * <p>TensorFlow sizes its CPU thread pools once per process, from the first session created; a
   * later session's single-thread setting is only honoured if the environment variable {@code
   * TF_OVERRIDE_GLOBAL_THREADPOOL=1} was set before the JVM started (the {@code vaelab} launcher and
   * the build's tests set it) — or if this is the process's first session.
   */
  public static ModelGraph buildDeterministic(ModelSpec spec, Objective objective, long seed) {
    ModelGraph g = new ModelGraph(spec, objective, seed);
    g.deterministic = true;
    return g;
  }

  /** Whether the session runs single-threaded for bit-for-bit reproducibility. */
  public boolean isDeterministic() {
    return deterministic;
  }

  /** The session, created on first use (variables initialised on first run). */
  public synchronized Session session() {
    if (session == null) {
      session =
          deterministic
              ? new Session(graph, org.tensorflow.proto.ConfigProto.newBuilder()
                  .setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1).setUsePerSessionThreads(true).build())
              : new Session(graph);
    }
    return session;
  }

  /** The latent placeholder z (n × d) that {@link #decodedMean()} decodes. */
  public Placeholder<TFloat32> latentInput() {
    return z;
  }

  /** The scalar placeholder n of {@link #samples()}. */
  public Placeholder<TInt32> sampleCountInput() {
    return sampleCount;
  }

  /** E_q[z|y] of {@link #input()}. */
  public Operand<TFloat32> posteriorMean() {
    return posteriorMean;
  }

  /** The decoder mean E[y|z] of {@link #latentInput()}. */
  public Operand<TFloat32> decodedMean() {
    return decoded;
  }

  /** n ancestral samples (decoder means of z ~ P_pri), n fed to {@link #sampleCountInput()}. */
  public Operand<TFloat32> samples() {
    return samples;
  }

  /** Restores the newest checkpoint of {@code dir}; returns its folder. */
  public Path restore(Path dir) {
    return Checkpoints.restoreLatest(session(), dir);
  }

  /**
   * Restores the newest usable checkpoint of {@code dir}, falling back to an older one (with a
   * warning naming the unusable one) when the newest is corrupt; returns its folder.
   */
  public Path restore(Path dir, java.util.function.Consumer<String> warn) {
    return Checkpoints.restoreNewestUsable(session(), dir, warn);
  }

  /** Saves a checkpoint labelled {@code epoch} into {@code dir}; returns its folder. */
  public Path save(Path dir, long epoch) {
    return Checkpoints.save(session(), dir, epoch);
  }

  /** As {@link #save(Path, long)}, with small text files stored inside the checkpoint folder. */
  public Path save(Path dir, long epoch, java.util.Map<String, String> extras) {
    return Checkpoints.save(session(), dir, epoch, extras);
  }

  /** Whether the model is conditioned on a context per example (see {@link Conditioning}). */
  public boolean isConditional() {
    return context != null;
  }

  /** The context of a conditional model ({@link Conditioning#NONE} otherwise). */
  public Conditioning conditioning() {
    return conditioning;
  }

  /**
   * Rejects data whose context does not fit this model: a conditional model needs a context of
   * its size on every example (called by the trainer and the evaluator before any batch).
   */
  public void checkContext(dev.vaelab.core.data.Dataset data) {
    if (context != null && data.contextSize() != conditioning.size()) {
      throw new IllegalArgumentException("model '" + spec.name() + "' is conditioned on a context of " + conditioning.size()
          + " values per example; dataset '" + data.name() + "' has " + (data.hasContext() ? data.contextSize() + "" : "none")
          + " (condition on labels with Dataset.withOneHotLabels)");
    }
  }

  /**
   * Feeds a batch's observations to {@link #input()} and, for a conditional model, its contexts;
   * every run of this graph feeds its batches through here.
   *
   * @param closer collects the fed tensors, which the caller closes after the run
   * @throws IllegalArgumentException when a conditional model is given rows without context
   */
  public Session.Runner feed(Session.Runner runner, Batch batch, java.util.List<org.tensorflow.Tensor> closer) {
    var t = Feeds.matrix(batch.y(), batch.n(), (int) model.dataSize());
    closer.add(t);
    runner.feed(y, t);
    if (context != null) {
      if (!batch.hasContext()) {
        throw new IllegalArgumentException("model '" + spec.name() + "' is conditioned on a context of "
            + conditioning.size() + " values per example, but the data has none (condition on labels with Dataset.withOneHotLabels)");
      }
      var c = Feeds.matrix(batch.context(), batch.n(), (int) conditioning.size());
      closer.add(c);
      runner.feed(context, c);
    }
    return runner;
  }

  /** E_q[z|y] for {@code n} rows of y (n × D values); returns n × d values. */
  public float[] encodeMean(float[] rows, int n) {
    return encodeMean(Batch.of(rows, n));
  }

  /** E_q[z|y, c] of a batch; returns n × d values. */
  public float[] encodeMean(Batch batch) {
    return fetchOn(posteriorMean, batch);
  }

  /**
   * E_q[z|y, c] of the first {@code limit} examples of {@code data} (with their contexts), in batches
   * of {@code batchSize}; returns limit × w values, row-major (w the width of the posterior mean).
   */
  public float[] encodeMeans(dev.vaelab.core.data.Dataset data, int limit, int batchSize) {
    if (limit < 1) {
      throw new IllegalArgumentException("number of examples to encode must be >= 1, got " + limit);
    }
    float[][] out = new float[1][];
    data.forEachBatch(limit, batchSize, (Batch batch, int from) -> {
      float[] m = encodeMean(batch);
      int w = m.length / batch.n();
      if (out[0] == null) {
        out[0] = new float[limit * w];
      }
      System.arraycopy(m, 0, out[0], from * w, m.length);
    });
    return out[0];
  }

  /** Decoder mean at z = E_q[z|y]; returns n × D values. */
  public float[] reconstruct(float[] rows, int n) {
    return reconstruct(Batch.of(rows, n));
  }

  /** Decoder mean at z = E_q[z|y, c], given c; returns n × D values. */
  public float[] reconstruct(Batch batch) {
    return fetchOn(reconstruction, batch);
  }

  /** Decoder mean E[y|z] for {@code n} latent rows (n × d values); returns n × D values. */
  public float[] decodeMean(float[] latents, int n) {
    return decodeMean(latents, n, null);
  }

  /**
   * Decoder mean E[y|z, c] for {@code n} latent rows and, for a conditional model, their contexts
   * (n × C values; null for an unconditioned one); returns n × D values.
   */
  public float[] decodeMean(float[] latents, int n, float[] contexts) {
    List<org.tensorflow.Tensor> fed = new java.util.ArrayList<>();
    try {
      var t = Feeds.matrix(latents, n, (int) model.latentSize());
      fed.add(t);
      Session.Runner runner = session().runner().feed(z, t);
      feedContextOnly(runner, contexts, n, fed);
      try (Result r = runner.fetch(decoded).run()) {
        return Feeds.values(r.get(0));
      }
    } finally {
      fed.forEach(org.tensorflow.Tensor::close);
    }
  }

  /** Ancestral samples: z ~ P_pri, then the decoder mean E[y|z]; returns n × D values. */
  public float[] sample(int n) {
    return sample(n, null);
  }

  /**
   * Ancestral samples of a conditional model for n given contexts (n × C values): z ~ P_pri(z|c),
   * then E[y|z, c]; for an unconditioned model {@code contexts} must be null. Returns n × D values.
   */
  public float[] sample(int n, float[] contexts) {
    return fetchFromPrior(samples, n, contexts);
  }

  /**
   * As {@link #sample(int)} with the noise of draw number {@code drawIndex} at the current step, leaving
   * the counter of fresh draws alone (so a caller that samples for display does not move the draws of
   * later evaluations).
   */
  public float[] sampleAt(int n, long drawIndex) {
    return fetchFromPrior(samples, n, null, drawIndex);
  }

  /**
   * n latents z ~ P_pri (for a conditional prior, given the n contexts); returns n × d values — the
   * latents {@link #sample(int, float[])} decodes.
   */
  public float[] samplePrior(int n, float[] contexts) {
    return fetchFromPrior(priorLatents, n, contexts);
  }

  /** Runs an output of the prior-sampling branch for n draws (fresh draw index, contexts if conditional). */
  private float[] fetchFromPrior(Operand<TFloat32> out, int n, float[] contexts) {
    return fetchFromPrior(out, n, contexts, nextDraw());
  }

  private float[] fetchFromPrior(Operand<TFloat32> out, int n, float[] contexts, long drawIndex) {
    if (n < 1) {
      throw new IllegalArgumentException("number of samples must be >= 1, got " + n);
    }
    List<org.tensorflow.Tensor> fed = new java.util.ArrayList<>();
    try {
      TInt32 count = TInt32.scalarOf(n);
      fed.add(count);
      TInt64 d = TInt64.scalarOf(drawIndex);
      fed.add(d);
      Session.Runner runner = session().runner().feed(sampleCount, count).feed(draw, d);
      feedContextOnly(runner, contexts, n, fed);
      try (Result r = runner.fetch(out).run()) {
        return Feeds.values(r.get(0));
      }
    } finally {
      fed.forEach(org.tensorflow.Tensor::close);
    }
  }

  private void feedContextOnly(Session.Runner runner, float[] contexts, int n, List<org.tensorflow.Tensor> fed) {
    if (context == null) {
      if (contexts != null) {
        throw new IllegalArgumentException("model '" + spec.name() + "' is not conditional; it was given contexts");
      }
      return;
    }
    if (contexts == null) {
      throw new IllegalArgumentException("model '" + spec.name() + "' is conditional: give the " + conditioning.size()
          + " context values of each of the " + n + " rows");
    }
    var c = Feeds.matrix(contexts, n, (int) conditioning.size());
    fed.add(c);
    runner.feed(context, c);
  }

  /**
   * Per-example rate, distortion and bound of the objective (one noise draw) on n rows.
   *
   * @return three arrays of n values: rate, distortion, bound
   */
  public float[][] lossTerms(float[] rows, int n) {
    return lossTerms(Batch.of(rows, n), nextDraw());
  }

  /**
   * As {@link #lossTerms(float[], int)} with the noise of draw number {@code drawIndex} (≥ 1) at the
   * current step: the same index gives the same noise, in this process or a restored one.
   */
  public float[][] lossTerms(float[] rows, int n, long drawIndex) {
    return lossTerms(Batch.of(rows, n), drawIndex);
  }

  /** As {@link #lossTerms(float[], int, long)} for a batch (with its contexts, for a conditional model). */
  public float[][] lossTerms(Batch batch, long drawIndex) {
    List<org.tensorflow.Tensor> fed = new java.util.ArrayList<>();
    try {
      TInt64 d = TInt64.scalarOf(drawIndex);
      fed.add(d);
      Session.Runner runner = feed(session().runner(), batch, fed).feed(draw, d);
      try (Result r = runner.fetch(loss.rate()).fetch(loss.distortion()).fetch(loss.bound()).run()) {
        return new float[][] {Feeds.values(r.get(0)), Feeds.values(r.get(1)), Feeds.values(r.get(2))};
      }
    } finally {
      fed.forEach(org.tensorflow.Tensor::close);
    }
  }

  /**
   * The values of an operand of this graph (one per example, or any shape) on a batch fed to the
   * model's inputs, flattened.
   */
  public float[] fetchOn(Operand<TFloat32> out, Batch batch) {
    List<org.tensorflow.Tensor> fed = new java.util.ArrayList<>();
    try {
      Session.Runner runner = feed(session().runner(), batch, fed);
      try (Result r = runner.fetch(out).run()) {
        return Feeds.values(r.get(0));
      }
    } finally {
      fed.forEach(org.tensorflow.Tensor::close);
    }
  }

  public Graph graph() {
    return graph;
  }

  /** Root-scope ops of this graph. */
  public Ops tf() {
    return tf;
  }

  public ModelSpec spec() {
    return spec;
  }

  public Objective objective() {
    return objective;
  }

  public Parameters parameters() {
    return parameters;
  }

  public LatentVariableModel model() {
    return model;
  }

  /**
   * The batch input y, {@code [batch, D]}: a placeholder fed with a batch's rows, whose default
   * (when not fed) is the resident training data's rows at the fed batch indices ({@link #resident()}).
   */
  public Operand<TFloat32> input() {
    return y;
  }

  /** The training data kept inside the graph, from which the trainer selects batches by index. */
  public ResidentData resident() {
    return resident;
  }

  /** The objective's outputs on the batch placeholder. */
  public Loss loss() {
    return loss;
  }

  /** Mean rate over the batch (scalar). */
  public Operand<TFloat32> rateMean() {
    return rateMean;
  }

  /** Mean distortion over the batch (scalar). */
  public Operand<TFloat32> distortionMean() {
    return distortionMean;
  }

  /** The step counter the trainer increments. */
  public Variable<TInt64> step() {
    return step;
  }

  /** The draw-index placeholder (default 0) that random ops of this graph are keyed by, with the step. */
  public org.tensorflow.op.core.PlaceholderWithDefault<TInt64> drawIndex() {
    return draw;
  }

  /** A fresh draw index (1, 2, …) for a run that should see new noise. */
  public long nextDraw() {
    return draws.incrementAndGet();
  }

  /** Source of seeds for further random ops added to this graph. */
  public Seed.Sequence seeds() {
    return seeds;
  }

  @Override
  public synchronized void close() {
    if (session != null) {
      session.close();
      session = null;
    }
    graph.close();
  }
}
