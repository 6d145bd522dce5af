package dev.vaelab.lab.features;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.ImageShape;
import dev.vaelab.core.graph.Checkpoints;
import dev.vaelab.core.nn.Conv2d;
import dev.vaelab.core.nn.Dense;
import dev.vaelab.core.nn.Parameters;
import dev.vaelab.core.train.OrderedAdam;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
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
 * The feature space of the sample-quality metrics on labelled image data: a small convolutional classifier of the
 * dataset's classes whose penultimate activations are the features (as the Fréchet Inception distance uses the
 * Inception network's pool layer, Heusel et al. 2017; for MNIST-like data a classifier of the data itself is the
 * usual replacement).
 *
 * <pre>
 *   x [n, H, W, C] → conv 4×4 / 2, 32, ReLU → conv 4×4 / 2, 64, ReLU → flatten → dense 128, ReLU = φ(x) → dense K = logits
 *   loss = −(1/n) Σ_i ln softmax(logits_i)[c_i]         (Adam, learning rate 10⁻³, batches of 128)
 * </pre>
 *
 * <p>Trained from seeded initial values in an order fixed by the seed, on one thread, so the same data and settings give
 * the same weights; {@link #weightsHash()} names the result (the SHA-256 of every weight), and every metric computed
 * in its space records it. Lives in its own graph and session. Not thread-safe.
 */
public final class FeatureNetwork implements FeatureExtractor {
  /** Width of φ(x). */
  public static final int FEATURES = 128;
  /** Names the architecture and training protocol: part of the cache key, so a change of either trains anew. */
  public static final String ARCHITECTURE = "conv4s2-32,conv4s2-64,dense-128,dense-K;relu;adam-1e-3;batch-128;one-thread;v1";
  static final int BATCH = 128;
  static final float LEARNING_RATE = 1e-3f;
  private static final int CHUNK = 500;

  private final ImageShape shape;
  private final int classes;
  private final Graph graph;
  private final Session session;
  private final Parameters params;
  private final Placeholder<TFloat32> x;
  private final Placeholder<TInt32> labels;
  private final Operand<TFloat32> features;
  private final Operand<TFloat32> logits;
  private final Operand<TFloat32> loss;
  private final Op trainStep;
  private double accuracy = Double.NaN;

  private FeatureNetwork(ImageShape shape, int classes, long seed) {
    if (shape.isVector()) {
      throw new IllegalArgumentException("the feature network is a convolutional network of images; data of shape " + shape + " are vectors");
    }
    if (classes < 2) {
      throw new IllegalArgumentException("the feature network classifies the data's labels; it needs at least 2 classes, got " + classes);
    }
    this.shape = shape;
    this.classes = classes;
    this.graph = new Graph();
    Ops tf = Ops.create(graph);
    this.params = new Parameters(tf);
    this.x = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, shape.height(), shape.width(), shape.channels())));
    this.labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    Conv2d c1 = new Conv2d(params, "feat_c1", shape.channels(), 32, 4, 2, seed + 1);
    Conv2d c2 = new Conv2d(params, "feat_c2", 32, 64, 4, 2, seed + 2);
    long h = (shape.height() + 3) / 4; // SAME padding, two strides of 2: ⌈⌈H/2⌉/2⌉
    long w = (shape.width() + 3) / 4;
    Dense d1 = new Dense(params, "feat_d1", h * w * 64, FEATURES, seed + 3);
    Dense d2 = new Dense(params, "feat_d2", FEATURES, classes, seed + 4);
    Operand<TFloat32> a = tf.nn.relu(c2.apply(tf, tf.nn.relu(c1.apply(tf, x))));
    Operand<TFloat32> flat = tf.reshape(a, tf.constant(new long[] {-1, h * w * 64}));
    this.features = tf.withName("features").identity(tf.nn.relu(d1.apply(tf, flat)));
    this.logits = tf.withName("logits").identity(d2.apply(tf, features));
    Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> logLik = tf.reduceSum(tf.math.mul(oneHot, tf.nn.logSoftmax(logits)), tf.constant(1));
    this.loss = tf.math.neg(tf.math.mean(logLik, tf.constant(0)));
    List<Variable<TFloat32>> vars = params.variables();
    Gradients grads = tf.gradients(loss, vars);
    List<GradAndVar<? extends TType>> pairs = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      Output<TFloat32> g = grads.<TFloat32>dy(i);
      pairs.add(new GradAndVar<TFloat32>(g, vars.get(i).asOutput()));
    }
    this.trainStep = new OrderedAdam(graph, LEARNING_RATE).applyGradients(pairs, "feat_adam");
    this.session = new Session(graph, org.tensorflow.proto.ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1).setUsePerSessionThreads(true).build());
  }

  /**
   * Trains a network on {@code train} (labels 0..K−1) for {@code epochs} epochs and measures its accuracy on {@code test}.
   *
   * @param seed fixes the initial weights and the order of the examples
   */
  public static FeatureNetwork train(Dataset train, Dataset test, ImageShape shape, int epochs, long seed, PrintStream log) {
    if (!train.hasLabels() || !test.hasLabels()) {
      throw new IllegalArgumentException("the feature network is a classifier of the data's labels; data '" + train.name() + "' have none");
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("feature network epochs must be >= 1, got " + epochs);
    }
    train.requireDimension(shape.size(), "feature network input");
    int k = 0;
    for (int c : train.labels()) {
      k = Math.max(k, c + 1);
    }
    FeatureNetwork net = new FeatureNetwork(shape, k, seed);
    try {
      for (int e = 1; e <= epochs; e++) {
        double l = net.trainEpoch(train, seed, e);
        log.printf("feature network epoch %d/%d: training cross-entropy %.4f%n", e, epochs, l);
      }
      net.accuracy = net.accuracy(test);
      log.printf("feature network: test accuracy %.4f on %d images%n", net.accuracy, test.size());
      return net;
    } catch (RuntimeException ex) {
      net.close();
      throw ex;
    }
  }

  /** A network of this shape and class count with the weights of checkpoint folder {@code dir}. */
  static FeatureNetwork restore(ImageShape shape, int classes, Path dir, double accuracy) {
    FeatureNetwork net = new FeatureNetwork(shape, classes, 0);
    try {
      Checkpoints.restoreLatest(net.session, dir);
      net.accuracy = accuracy;
      return net;
    } catch (RuntimeException e) {
      net.close();
      throw e;
    }
  }

  /** Saves the weights as a checkpoint in {@code dir}. */
  Path save(Path dir) {
    return Checkpoints.save(session, dir, 1);
  }

  private double trainEpoch(Dataset train, long seed, int epoch) {
    int n = train.size();
    int d = (int) shape.size();
    int[] order = Dataset.permutation(n, new Random(seed * 1_000_003L + epoch));
    float[] batch = new float[BATCH * d];
    int[] batchLabels = new int[BATCH];
    double sum = 0;
    for (int from = 0; from < n; from += BATCH) {
      int m = Math.min(BATCH, n - from);
      train.copyRows(order, from, from + m, batch);
      for (int i = 0; i < m; i++) {
        batchLabels[i] = train.label(order[from + i]);
      }
      try (TFloat32 xs = TFloat32.tensorOf(imageShape(m), DataBuffers.of(batch, true, false).slice(0, (long) m * d));
          TInt32 ys = TInt32.tensorOf(Shape.of(m), DataBuffers.of(batchLabels, true, false).slice(0, m));
          Result r = session.runner().feed(x, xs).feed(labels, ys).addTarget(trainStep).fetch(loss).run()) {
        float l = ((TFloat32) r.get(0)).getFloat();
        if (!Float.isFinite(l)) {
          throw new IllegalStateException("feature network training diverged in epoch " + epoch + " at example " + from + ": loss " + l);
        }
        sum += (double) l * m;
      }
    }
    return sum / n;
  }

  private Shape imageShape(int n) {
    return Shape.of(n, shape.height(), shape.width(), shape.channels());
  }

  /** The share of {@code test}'s examples whose most probable class is their label. */
  public double accuracy(Dataset test) {
    float[] images = new float[(int) (test.size() * shape.size())];
    test.copyRange(0, test.size(), images);
    float[] l = run(logits, classes, images, test.size());
    int right = 0;
    for (int i = 0; i < test.size(); i++) {
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (l[i * classes + c] > l[i * classes + best]) {
          best = c;
        }
      }
      right += best == test.label(i) ? 1 : 0;
    }
    return (double) right / test.size();
  }

  @Override
  public double[][] features(float[] images, int n) {
    float[] f = run(features, FEATURES, images, n);
    double[][] out = new double[n][FEATURES];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < FEATURES; j++) {
        out[i][j] = f[i * FEATURES + j];
      }
    }
    return out;
  }

  private float[] run(Operand<TFloat32> what, int width, float[] images, int n) {
    int d = (int) shape.size();
    if ((long) n * d != images.length) {
      throw new IllegalArgumentException("expected " + n + " images of " + shape + " (" + (long) n * d + " values), got " + images.length + " values");
    }
    float[] out = new float[n * width];
    for (int from = 0; from < n; from += CHUNK) {
      int m = Math.min(CHUNK, n - from);
      try (TFloat32 xs = TFloat32.tensorOf(imageShape(m), DataBuffers.of(images, true, false).slice((long) from * d, (long) m * d));
          Result r = session.runner().feed(x, xs).fetch(what).run()) {
        ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false).slice((long) from * width, (long) m * width));
      }
    }
    return out;
  }

  /** The SHA-256 of every weight (variables in creation order, float32 little-endian): what names this extractor. */
  public String weightsHash() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Variable<TFloat32> v : params.variables()) {
        try (Result r = session.runner().fetch(v).run()) {
          TFloat32 t = (TFloat32) r.get(0);
          float[] values = new float[(int) t.shape().size()];
          t.copyTo(DataBuffers.of(values, false, false));
          ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
          b.asFloatBuffer().put(values);
          sha.update(b.array());
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Test accuracy measured when it was trained. */
  @Override
  public double accuracy() {
    return accuracy;
  }

  @Override
  public String id() {
    return weightsHash();
  }

  @Override
  public int dimension() {
    return FEATURES;
  }

  @Override
  public String description() {
    return "the feature network (a convolutional classifier of the data's " + classes + " classes; penultimate layer, " + FEATURES + " values)";
  }

  /** Number of classes it tells apart. */
  public int classes() {
    return classes;
  }

  /**
   * Writes the network as a TensorFlow SavedModel (tag {@code serve}) with the signature {@code features}: input
   * {@code images} [n, H, W, C] → output {@code features} [n, 128] — the form {@code --features DIR} reads.
   */
  public void export(Path dir) {
    var sig = org.tensorflow.Signature.builder("features").input("images", x).output("features", features).build();
    try {
      org.tensorflow.SavedModelBundle.exporter(dir.toAbsolutePath().toString()).withSession(session).withSignatures(sig).export();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot export the feature network to " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
