package dev.vaelab.core.data;

import java.util.Arrays;
import java.util.Random;

/**
 * An in-memory data set: n examples of D floats each (row-major), with optional integer labels and
 * an optional context of C floats per example (what a conditional model is conditioned on, e.g.
 * the one-hot labels: {@link #withOneHotLabels}).
 *
 * <p>Immutable; {@link #permutation} gives the shuffled order of an epoch and {@link #copyRows}
 * gathers a minibatch into a reusable buffer.
 */
public final class Dataset implements TrainingRows {
  private final float[] values;
  private final int[] labels;
  private final float[] context;
  private final int contextSize;
  private final int size;
  private final int dimension;
  private final String name;

  /**
   * @param values n × D values, row-major; finite
   * @param labels n labels or null
   */
  public Dataset(String name, float[] values, int dimension, int[] labels) {
    this(name, values, dimension, labels, null, 0);
  }

  /**
   * @param values n × D values, row-major; finite
   * @param labels n labels or null
   * @param context n × C context values, row-major, finite; or null
   * @param contextSize C (0 without context)
   */
  public Dataset(String name, float[] values, int dimension, int[] labels, float[] context, int contextSize) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dataset dimension must be >= 1, got " + dimension);
    }
    if (values.length == 0) {
      throw new IllegalArgumentException("dataset '" + name + "' is empty");
    }
    if (values.length % dimension != 0) {
      throw new IllegalArgumentException(
          "dataset '" + name + "': " + values.length + " values is not a multiple of dimension " + dimension);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "dataset '" + name + "' has a non-finite value " + values[i] + " at example " + i / dimension
                + ", feature " + i % dimension);
      }
    }
    this.size = values.length / dimension;
    if (labels != null && labels.length != size) {
      throw new IllegalArgumentException(
          "dataset '" + name + "' has " + size + " examples but " + labels.length + " labels");
    }
    if ((context == null) != (contextSize == 0) || contextSize < 0) {
      throw new IllegalArgumentException("dataset '" + name + "': context values and context size " + contextSize + " disagree");
    }
    if (context != null) {
      if (context.length != (long) size * contextSize) {
        throw new IllegalArgumentException("dataset '" + name + "' has " + size + " examples but " + context.length
            + " context values, expected " + size + " × " + contextSize);
      }
      for (int i = 0; i < context.length; i++) {
        if (!Float.isFinite(context[i])) {
          throw new IllegalArgumentException("dataset '" + name + "' has a non-finite context value " + context[i]
              + " at example " + i / contextSize);
        }
      }
    }
    this.values = values;
    this.labels = labels;
    this.context = context;
    this.contextSize = contextSize;
    this.dimension = dimension;
    this.name = name;
  }

  /** Whether every example carries a context. */
  @Override
  public boolean hasContext() {
    return context != null;
  }

  /** C, the context length per example (0 without context). */
  @Override
  public int contextSize() {
    return contextSize;
  }

  /** The same examples with a context of {@code size} values each (n × C, row-major). */
  public Dataset withContext(float[] ctx, int size) {
    return new Dataset(name, values, dimension, labels, ctx, size);
  }

  /**
   * The same examples with the one-hot code of their label as context (C = {@code classes}).
   *
   * @throws IllegalStateException without labels; IllegalArgumentException for a label outside 0..classes−1
   */
  public Dataset withOneHotLabels(int classes) {
    if (labels == null) {
      throw new IllegalStateException("dataset '" + name + "' has no labels to condition on");
    }
    if (classes < 1) {
      throw new IllegalArgumentException("number of classes must be >= 1, got " + classes);
    }
    float[] ctx = new float[size * classes];
    for (int i = 0; i < size; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("dataset '" + name + "': label " + labels[i] + " of example " + i
            + " is outside 0.." + (classes - 1));
      }
      ctx[i * classes + labels[i]] = 1f;
    }
    return withContext(ctx, classes);
  }

  /** Copies the contexts of rows {@code order[from..to)} into {@code dst} (nothing without context). */
  @Override
  public void copyContextRows(int[] order, int from, int to, float[] dst) {
    if (context == null) {
      return;
    }
    for (int r = from; r < to; r++) {
      System.arraycopy(context, order[r] * contextSize, dst, (r - from) * contextSize, contextSize);
    }
  }

  @Override
  public String name() {
    return name;
  }

  /** Number of examples n. */
  @Override
  public int size() {
    return size;
  }

  /** D, values per example. */
  @Override
  public int dimension() {
    return dimension;
  }

  /**
   * Checks that examples have {@code expected} values.
   *
   * @param what who expects them, for the message (e.g. "model 'gaussian-vae'")
   */
  public void requireDimension(long expected, String what) {
    if (dimension != expected) {
      throw new IllegalArgumentException(
          what + " expects " + expected + " values per example, dataset '" + name + "' has " + dimension);
    }
  }

  /**
   * Checks that every value is a probability in [0, 1] (what a Bernoulli likelihood can score).
   *
   * @param what who needs it, for the message
   */
  public void requireUnitInterval(String what) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0f || values[i] > 1f) {
        throw new IllegalArgumentException(
            what + " needs values in [0, 1], but dataset '" + name + "' has " + values[i] + " at example " + i / dimension
                + ", feature " + i % dimension);
      }
    }
  }

  /** Whether labels are present. */
  public boolean hasLabels() {
    return labels != null;
  }

  /** A copy of every example's label, or null without labels. */
  public int[] labels() {
    return labels == null ? null : labels.clone();
  }

  /** Label of example i. */
  public int label(int i) {
    if (labels == null) {
      throw new IllegalStateException("dataset '" + name + "' has no labels");
    }
    return labels[i];
  }

  /** A copy of example i. */
  public float[] row(int i) {
    return Arrays.copyOfRange(values, i * dimension, (i + 1) * dimension);
  }

  /** Value j of example i. */
  public float get(int i, int j) {
    return values[i * dimension + j];
  }

  /** The first {@code n} examples (n ≤ size). */
  public Dataset head(int n) {
    return slice(0, n);
  }

  /** Examples [from, to). */
  public Dataset slice(int from, int to) {
    if (from < 0 || to > size || from >= to) {
      throw new IllegalArgumentException(
          "slice [" + from + ", " + to + ") out of range for dataset '" + name + "' of size " + size);
    }
    return new Dataset(
        name,
        Arrays.copyOfRange(values, from * dimension, to * dimension),
        dimension,
        labels == null ? null : Arrays.copyOfRange(labels, from, to),
        context == null ? null : Arrays.copyOfRange(context, from * contextSize, to * contextSize),
        contextSize);
  }

  /** A random permutation of 0..n−1 (Fisher–Yates with the given generator). */
  public int[] permutation(Random random) {
    return permutation(size, random);
  }

  /** An epoch's order: {@link #permutation(Random)}. */
  @Override
  public int[] order(Random random) {
    return permutation(random);
  }

  /** A random permutation of 0..size−1 (Fisher–Yates with the given generator). */
  public static int[] permutation(int size, Random random) {
    int[] p = new int[size];
    for (int i = 0; i < size; i++) {
      p[i] = i;
    }
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /**
   * Copies the rows {@code order[from..to)} into {@code dst} (at least (to − from) × D long).
   */
  @Override
  public void copyRows(int[] order, int from, int to, float[] dst) {
    for (int r = from; r < to; r++) {
      System.arraycopy(values, order[r] * dimension, dst, (r - from) * dimension, dimension);
    }
  }

  /** Receives one batch of {@link #forEachBatch}. */
  @FunctionalInterface
  public interface BatchConsumer {
    /**
     * @param rows the batch's values, row-major (the buffer is reused: copy what you keep)
     * @param from index of the batch's first example
     * @param n examples in the batch
     */
    void accept(float[] rows, int from, int n);
  }

  /** Hands the first {@code limit} examples, in storage order, to {@code consumer} in batches of {@code batchSize}. */
  public void forEachBatch(int limit, int batchSize, BatchConsumer consumer) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    if (limit < 0 || limit > size) {
      throw new IllegalArgumentException("number of examples must be in 0.." + size + ", got " + limit);
    }
    float[] buf = new float[batchSize * dimension];
    for (int from = 0; from < limit; from += batchSize) {
      int n = Math.min(batchSize, limit - from);
      copyRange(from, from + n, buf);
      consumer.accept(buf, from, n);
    }
  }

  /** Receives one batch of {@link #forEachBatch(int, int, BatchHandler)}. */
  @FunctionalInterface
  public interface BatchHandler {
    /**
     * @param batch the rows and their contexts (buffers are reused: copy what you keep)
     * @param from index of the batch's first example
     */
    void accept(Batch batch, int from);
  }

  /**
   * Hands the first {@code limit} examples, in storage order, to {@code handler} in batches of
   * {@code batchSize}, each with its contexts when the data has them.
   */
  public void forEachBatch(int limit, int batchSize, BatchHandler handler) {
    float[] ctx = context == null ? null : new float[batchSize * contextSize];
    forEachBatch(limit, batchSize, (BatchConsumer) (rows, from, n) -> {
      if (ctx != null) {
        System.arraycopy(context, from * contextSize, ctx, 0, n * contextSize);
      }
      handler.accept(new Batch(rows, ctx, n), from);
    });
  }

  /** Examples [from, from + n) in storage order as one batch, with their contexts when the data has them. */
  public Batch batch(int from, int n) {
    if (from < 0 || n < 0 || from + n > size) {
      throw new IllegalArgumentException("examples [" + from + ", " + (from + n) + ") are outside dataset '" + name + "' of " + size);
    }
    float[] rows = new float[n * dimension];
    copyRange(from, from + n, rows);
    float[] ctx = null;
    if (context != null) {
      ctx = new float[n * contextSize];
      System.arraycopy(context, from * contextSize, ctx, 0, n * contextSize);
    }
    return new Batch(rows, ctx, n);
  }

  /** Copies rows [from, to) in storage order into {@code dst}. */
  public void copyRange(int from, int to, float[] dst) {
    System.arraycopy(values, from * dimension, dst, 0, (to - from) * dimension);
  }

  /**
   * Static binarisation: 1 where the value is strictly greater than {@code threshold}, else 0
   * (FMNIST-bin uses pixels/255 &gt; 0.5).
   */
  public Dataset binarized(double threshold) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] > threshold ? 1f : 0f;
    }
    return new Dataset(name + "-bin", out, dimension, labels, context, contextSize);
  }

  /**
   * Dynamic binarisation of rows {@code order[from..to)}: each value v ∈ [0, 1] becomes 1 with
   * probability v (a fresh Bernoulli draw every time the example is seen).
   */
  public void copyRowsBinarized(int[] order, int from, int to, float[] dst, Random random) {
    copyRows(order, from, to, dst);
    int n = (to - from) * dimension;
    for (int i = 0; i < n; i++) {
      float v = dst[i];
      if (v < 0f || v > 1f) {
        throw new IllegalArgumentException(
            "dynamic binarisation needs values in [0, 1], got " + v + " in dataset '" + name + "'");
      }
      dst[i] = random.nextFloat() < v ? 1f : 0f;
    }
  }
}
