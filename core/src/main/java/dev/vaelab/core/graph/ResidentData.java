package dev.vaelab.core.graph;

import dev.vaelab.core.data.Dataset;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.AssignVariableOp;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The training data kept inside the graph, so that a training step feeds only the indices of its
 * batch (a few hundred bytes) instead of the batch's rows:
 *
 * <pre>
 *   y = PlaceholderWithDefault(default = ResourceGather(Y_resident, batch_indices))   [batch, D]
 *   c = PlaceholderWithDefault(default = ResourceGather(C_resident, batch_indices))   [batch, C]
 * </pre>
 *
 * A run that feeds y (evaluation, sampling, a dynamically binarised batch) never touches the
 * resident copy; a run that feeds {@code batch_indices} instead sees exactly the rows
 * {@link Dataset#copyRows} would have copied, so the two paths give the same numbers.
 *
 * <p>Each copy has its own shared name (a handle without one is anonymous, and two anonymous handles
 * in one graph resolve to the same resource). The copies are resource variables, which TensorFlow Java's checkpoint saver (it saves the
 * graph's {@code VariableV2} ops) leaves out: checkpoints and exported models do not carry the data.
 * They cost the data's size in native memory once per graph, so data above {@link #MAX_VALUES}
 * floats is fed batch by batch instead ({@link #fits}).
 */
public final class ResidentData {
  /** Most floats (rows × columns, data and context together) kept resident: 512 Mi floats = 2 GiB. */
  public static final long MAX_VALUES = 512L << 20;

  private final Placeholder<TInt32> indices;
  private Operand<?> dataHandle;
  private Placeholder<TFloat32> dataIn;
  private Op loadData;
  private Operand<?> contextHandle;
  private Placeholder<TFloat32> contextIn;
  private Op loadContext;
  private Dataset loaded;

  ResidentData(Ops tf) {
    this.indices = tf.withName("batch_indices").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
  }

  /** The model's input y: fed rows, or the resident rows at the batch indices. */
  Operand<TFloat32> dataInput(Ops tf, long d) {
    Copy copy = new Copy(tf, "y", d);
    dataHandle = copy.handle;
    dataIn = copy.in;
    loadData = copy.load;
    return copy.input;
  }

  /** The model's context c: fed contexts, or the resident contexts at the batch indices. */
  Operand<TFloat32> contextInput(Ops tf, long c) {
    Copy copy = new Copy(tf, "c", c);
    contextHandle = copy.handle;
    contextIn = copy.in;
    loadContext = copy.load;
    return copy.input;
  }

  /** One resident copy: its variable, the placeholder and op that load it, and the input named {@code name}. */
  private final class Copy {
    final Operand<?> handle;
    final Placeholder<TFloat32> in;
    final Op load;
    final Operand<TFloat32> input;

    Copy(Ops tf, String name, long width) {
      handle = tf.withName("resident_" + name).varHandleOp(TFloat32.class, Shape.of(-1, width), VarHandleOp.sharedName("resident_" + name));
      in = tf.withName("resident_" + name + "_in").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, width)));
      load = tf.assignVariableOp(handle, in, AssignVariableOp.validateShape(false));
      input = tf.withName(name).placeholderWithDefault(tf.resourceGather(handle, indices, TFloat32.class), Shape.of(-1, width));
    }
  }

  /** Whether {@code data} is small enough to keep resident (rows × (D + C) ≤ {@link #MAX_VALUES}). */
  public static boolean fits(Dataset data) {
    long perRow = data.dimension() + (data.hasContext() ? data.contextSize() : 0);
    return (long) data.size() * perRow <= MAX_VALUES;
  }

  /** Whether {@code data} (this very object) is the one currently resident. */
  public boolean holds(Dataset data) {
    return loaded == data;
  }

  /**
   * Copies every row (and context) of {@code data} into the graph, replacing what was resident.
   *
   * @throws IllegalArgumentException when the data does not {@link #fits fit}, or the model needs a
   *     context the data lacks (a context the model does not take is ignored)
   */
  public void load(Session session, Dataset data) {
    if (!fits(data)) {
      throw new IllegalArgumentException("dataset '" + data.name() + "' has " + data.size() + " rows of "
          + data.dimension() + " values, more than the " + MAX_VALUES + " floats kept resident; feed it by batch");
    }
    if (contextHandle != null && !data.hasContext()) {
      // an unconditioned model ignores a dataset's context, as the fed path does
      throw new IllegalArgumentException("dataset '" + data.name() + "' has no context; the model needs one");
    }
    try (TFloat32 rows = copy(data, false)) {
      Session.Runner r = session.runner().feed(dataIn, rows).addTarget(loadData);
      if (contextHandle != null) {
        try (TFloat32 ctx = copy(data, true); Result ignored = r.feed(contextIn, ctx).addTarget(loadContext).run()) {
          // loaded
        }
      } else {
        try (Result ignored = r.run()) {
          // loaded
        }
      }
    }
    loaded = data;
  }

  /** Feeds the indices {@code order[from .. from + n)} of the resident rows that form a batch. */
  public Session.Runner feedIndices(Session.Runner runner, int[] order, int from, int n, List<Tensor> closer) {
    int[] idx = java.util.Arrays.copyOfRange(order, from, from + n);
    TInt32 t = TInt32.tensorOf(Shape.of(n), DataBuffers.of(idx, true, false));
    closer.add(t);
    return runner.feed(indices, t);
  }

  private static TFloat32 copy(Dataset data, boolean context) {
    int n = data.size();
    int width = context ? data.contextSize() : data.dimension();
    TFloat32 t = TFloat32.tensorOf(Shape.of(n, width));
    FloatDataBuffer buffer = t.asRawTensor().data().asFloats();
    int chunk = Math.max(1, (1 << 20) / Math.max(1, width));
    float[] tmp = new float[chunk * width];
    int[] order = context ? identity(n) : null;
    for (int from = 0; from < n; from += chunk) {
      int to = Math.min(n, from + chunk);
      if (context) {
        data.copyContextRows(order, from, to, tmp);
      } else {
        data.copyRange(from, to, tmp);
      }
      buffer.offset((long) from * width).write(tmp, 0, (to - from) * width);
    }
    return t;
  }

  private static int[] identity(int n) {
    int[] o = new int[n];
    for (int i = 0; i < n; i++) {
      o[i] = i;
    }
    return o;
  }
}
