package dev.vaelab.vq;

import dev.vaelab.core.graph.Checkpoints;
import dev.vaelab.core.nn.Dense;
import dev.vaelab.core.nn.Parameters;
import dev.vaelab.core.train.OrderedAdam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.initializers.RandomNormal;
import org.tensorflow.framework.optimizers.Optimizer.GradAndVar;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * An autoregressive prior over a VQ-VAE's code maps: a gated PixelCNN (van den Oord et al. 2016)
 * with masked convolutions, so that
 *
 * <pre>
 *   P_pri(k) = Π_{i=1..P} P(k_i | k_1 … k_{i−1}),   P(· | k_&lt;i) = softmax(f_θ(k)_i),
 * </pre>
 *
 * positions i in raster order, where f_θ(k)_i depends on k_&lt;i only (the masks of {@link
 * GatedMaskedLayer}). Network: code embedding (K → C), {@code layers} gated masked layers (the first
 * of type A, the others of type B with residual horizontal connections), then ReLU – 1×1 conv
 * (hidden) – ReLU – 1×1 conv (K). It is trained after the VQ-VAE on the training set's code maps by
 * maximum likelihood (Adam on the mean rate −ln P_pri(k), nats per map) and lives in its own graph
 * and session, saved as checkpoints of its own. Sampling draws position by position in raster order.
 *
 * <p>Codes are given as {@code int[n · H · W]}, map after map, row-major. Not thread-safe.
 */
public final class PixelCnnPrior implements AutoCloseable {
  private final PixelCnnConfig config;
  private final Graph graph;
  private final Session session;
  private final Placeholder<TInt32> codes;
  private final Operand<TFloat32> logits;
  private final Operand<TFloat32> logProbPerPosition;
  private final Operand<TFloat32> meanRate;
  private final Operand<TFloat32> logProb;
  private final Op trainStep;
  private final Parameters params;

  private PixelCnnPrior(PixelCnnConfig config, long seed) {
    this.config = config;
    this.graph = new Graph();
    Ops tf = Ops.create(graph);
    this.params = new Parameters(tf);
    int h = config.height();
    int w = config.width();
    int k = config.codebookSize();
    int c = config.channels();
    this.codes = tf.withName("codes").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, h, w)));
    Operand<TFloat32> embed = params.create("pcnn_embed", Shape.of(k, c), new RandomNormal<>(0.0, 1.0, seed));
    Operand<TFloat32> x = tf.gather(embed, codes, tf.constant(0)); // [b, H, W, C]
    Operand<TFloat32> v = x;
    Operand<TFloat32> hs = x;
    for (int l = 0; l < config.layers(); l++) {
      GatedMaskedLayer layer = new GatedMaskedLayer(params, "pcnn_l" + l, c, config.kernel(), l == 0, l > 0, seed + 101L * (l + 1));
      GatedMaskedLayer.Stacks out = layer.apply(tf, v, hs);
      v = out.vertical();
      hs = out.horizontal();
    }
    Dense head1 = new Dense(params, "pcnn_head1", c, config.hidden(), seed + 9001);
    Dense head2 = new Dense(params, "pcnn_head2", config.hidden(), k, seed + 9002);
    Operand<TFloat32> hidden = tf.nn.relu(head1.apply(tf, tf.nn.relu(hs)));
    this.logits = tf.withName("logits").identity(head2.apply(tf, hidden)); // [b, H, W, K]
    Operand<TFloat32> logSoftmax = tf.nn.logSoftmax(tf.reshape(logits, tf.constant(new int[] {-1, k})));
    Operand<TFloat32> oneHot = tf.oneHot(tf.reshape(codes, tf.constant(new int[] {-1})), tf.constant(k), tf.constant(1f), tf.constant(0f));
    this.logProbPerPosition = tf.reshape(tf.reduceSum(tf.math.mul(oneHot, logSoftmax), tf.constant(1)), tf.constant(new int[] {-1, h * w}));
    this.logProb = tf.reduceSum(logProbPerPosition, tf.constant(1));
    this.meanRate = tf.math.neg(tf.math.mean(logProb, tf.constant(0)));
    List<Variable<TFloat32>> vars = params.variables();
    Gradients grads = tf.gradients(meanRate, vars);
    List<GradAndVar<? extends TType>> pairs = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      Output<TFloat32> g = grads.<TFloat32>dy(i);
      pairs.add(new GradAndVar<TFloat32>(g, vars.get(i).asOutput()));
    }
    this.trainStep = new OrderedAdam(graph, (float) config.learningRate()).applyGradients(pairs, "pcnn_adam");
    this.session = new Session(graph);
  }

  /** A freshly initialised prior; {@code seed} fixes the initial weights. */
  public static PixelCnnPrior create(PixelCnnConfig config, long seed) {
    return new PixelCnnPrior(config, seed);
  }

  public PixelCnnConfig config() {
    return config;
  }

  /** Number of trainable parameters. */
  public long parameterCount() {
    return params.count();
  }

  /**
   * One epoch of Adam steps over {@code n} code maps in an order that depends only on (seed, epoch);
   * returns the mean training rate −ln P_pri(k) over the epoch's steps (nats per map).
   */
  public double trainEpoch(int[] maps, int n, long seed, int epoch) {
    checkMaps(maps, n);
    int p = config.positions();
    int[] order = dev.vaelab.core.data.Dataset.permutation(n, new Random(seed * 1_000_003L + epoch));
    int b = config.batchSize();
    double sum = 0;
    int[] batch = new int[b * p];
    for (int from = 0; from < n; from += b) {
      int m = Math.min(b, n - from);
      for (int r = 0; r < m; r++) {
        System.arraycopy(maps, order[from + r] * p, batch, r * p, p);
      }
      try (TInt32 t = TInt32.tensorOf(Shape.of(m, config.height(), config.width()), DataBuffers.of(batch, true, false).slice(0, (long) m * p));
          Result r = session.runner().feed(codes, t).addTarget(trainStep).fetch(meanRate).run()) {
        float rate = ((TFloat32) r.get(0)).getFloat();
        if (!Float.isFinite(rate)) {
          throw new IllegalStateException("PixelCNN training diverged in epoch " + epoch + " at map " + from + ": rate " + rate);
        }
        sum += (double) rate * m;
      }
    }
    return sum / n;
  }

  /** ln P(k_i | k_&lt;i) at every position of {@code n} maps: {@code [n · P]}. */
  public float[] logProbPerPosition(int[] maps, int n) {
    checkMaps(maps, n);
    int p = config.positions();
    float[] out = new float[n * p];
    int chunk = 1000;
    for (int from = 0; from < n; from += chunk) {
      int m = Math.min(chunk, n - from);
      int[] part = java.util.Arrays.copyOfRange(maps, from * p, (from + m) * p);
      try (TInt32 t = TInt32.tensorOf(Shape.of(m, config.height(), config.width()), DataBuffers.of(part, true, false));
          Result r = session.runner().feed(codes, t).fetch(logProbPerPosition).run()) {
        float[] part2 = new float[m * p];
        ((TFloat32) r.get(0)).copyTo(DataBuffers.of(part2, false, false));
        System.arraycopy(part2, 0, out, from * p, m * p);
      }
    }
    return out;
  }

  /** ln P_pri(k) of each of {@code n} maps (the sum of its per-position conditionals). */
  public double[] logProb(int[] maps, int n) {
    float[] per = logProbPerPosition(maps, n);
    int p = config.positions();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < p; j++) {
        s += per[i * p + j];
      }
      out[i] = s;
    }
    return out;
  }

  /** The rate −ln P_pri(k) averaged over {@code n} maps, nats per map. */
  public double rate(int[] maps, int n) {
    double s = 0;
    for (double lp : logProb(maps, n)) {
      s -= lp;
    }
    return s / n;
  }

  /** The logits f_θ(k) of {@code n} maps, {@code [n · H · W · K]}. */
  public float[] logits(int[] maps, int n) {
    checkMaps(maps, n);
    try (TInt32 t = TInt32.tensorOf(Shape.of(n, config.height(), config.width()), DataBuffers.of(maps, true, false));
        Result r = session.runner().feed(codes, t).fetch(logits).run()) {
      float[] out = new float[n * config.positions() * config.codebookSize()];
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  /**
   * n code maps drawn from P_pri by ancestral sampling in raster order: k_i ~ P(· | k_&lt;i), one
   * network evaluation per position; the draws use {@code seed} only.
   */
  public int[] sample(int n, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("number of samples must be >= 1, got " + n);
    }
    int p = config.positions();
    int k = config.codebookSize();
    int[] maps = new int[n * p];
    SplittableRandom random = new SplittableRandom(seed);
    double[] prob = new double[k];
    for (int i = 0; i < p; i++) {
      float[] l = logits(maps, n);
      for (int e = 0; e < n; e++) {
        int base = (e * p + i) * k;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          max = Math.max(max, l[base + j]);
        }
        double total = 0;
        for (int j = 0; j < k; j++) {
          prob[j] = Math.exp(l[base + j] - max);
          total += prob[j];
        }
        double u = random.nextDouble() * total;
        int pick = k - 1;
        for (int j = 0; j < k; j++) {
          u -= prob[j];
          if (u < 0) {
            pick = j;
            break;
          }
        }
        maps[e * p + i] = pick;
      }
    }
    return maps;
  }

  Session session() {
    return session;
  }

  /**
   * Writes the prior as a TensorFlow SavedModel (tag {@code serve}) with the signatures {@code
   * log_prob} (codes {@code [n, H, W]} int32 → {@code log_prob} [n], ln P_pri of each map) and {@code
   * logits} (codes → {@code logits} [n, H, W, K], whose softmax at position i is P(k_i | k_&lt;i)).
   * Sampling is position by position (one call of {@code logits} per position), as {@link #sample}.
   */
  public void export(Path dir) {
    var logProbSig = org.tensorflow.Signature.builder("log_prob").input("codes", codes).output("log_prob", logProb).build();
    var logitsSig = org.tensorflow.Signature.builder("logits").input("codes", codes).output("logits", logits).build();
    try {
      org.tensorflow.SavedModelBundle.exporter(dir.toAbsolutePath().toString()).withSession(session).withSignatures(logProbSig, logitsSig)
          .export();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot export the PixelCNN prior to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Saves the weights and Adam state as checkpoint {@code epoch} in {@code dir} (atomically). */
  public Path save(Path dir, int epoch) {
    return Checkpoints.save(session, dir, epoch);
  }

  /** Restores the newest usable checkpoint of {@code dir}; returns its epoch. */
  public int restore(Path dir, java.util.function.Consumer<String> warn) {
    return (int) Checkpoints.epochOf(Checkpoints.restoreNewestUsable(session, dir, warn));
  }

  private void checkMaps(int[] maps, int n) {
    int p = config.positions();
    if (n < 1 || maps.length < (long) n * p) {
      throw new IllegalArgumentException("expected " + n + " code maps of " + p + " positions (" + (long) n * p + " codes), got "
          + maps.length + " codes");
    }
    int k = config.codebookSize();
    for (int i = 0; i < n * p; i++) {
      if (maps[i] < 0 || maps[i] >= k) {
        throw new IllegalArgumentException("code " + maps[i] + " at map " + i / p + ", position " + i % p + " is outside 0.." + (k - 1));
      }
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
