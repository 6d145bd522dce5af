package dev.vaelab.core.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.Initializer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The trainable parameters of one model graph, in creation order: the explicit list the trainer
 * differentiates (TensorFlow Java's {@code Optimizer.minimize} would differentiate every variable
 * in the graph, see TFJAVA.md).
 *
 * <p>Variables are created at the root scope with a flat name ({@code enc_h0_W}), because the
 * framework's Adam names its slots {@code name + "-m"} and rejects names with '/'. Every variable
 * is read through {@code tf.identity} before use (a raw ref-typed variable output breaks gradient
 * building for some ops).
 */
public final class Parameters {
  private final Ops root;
  private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
  private final Map<String, Operand<TFloat32>> reads = new LinkedHashMap<>();
  private final Map<String, Variable<TFloat32>> states = new LinkedHashMap<>();

  /** @param root the graph's root-scope Ops (variables are created there) */
  public Parameters(Ops root) {
    this.root = root;
  }

  /**
   * Creates a trainable float variable and returns its value, read through an identity.
   *
   * @param name unique, letters, digits and '_' only
   */
  public Operand<TFloat32> create(String name, Shape shape, Initializer<TFloat32> init) {
    if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(
          "parameter name must match [A-Za-z][A-Za-z0-9_]* (no '/'), got '" + name + "'");
    }
    if (variables.containsKey(name) || states.containsKey(name)) {
      throw new IllegalArgumentException("parameter '" + name + "' already exists");
    }
    Operand<TFloat32> initial = init.call(root, root.constant(shape.asArray()), TFloat32.class);
    Variable<TFloat32> v = root.withName(name).variable(initial);
    Operand<TFloat32> read = root.withName(name + "_read").identity(v);
    variables.put(name, v);
    reads.put(name, read);
    return read;
  }

  /**
   * Creates a float variable that is model state but not a trainable parameter (an EMA codebook,
   * running statistics): it is saved in checkpoints but not in {@link #variables()}, so the
   * optimizer never touches it. Returns the variable itself, for assign ops.
   */
  public Variable<TFloat32> createState(String name, Shape shape, Initializer<TFloat32> init) {
    if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(
          "state name must match [A-Za-z][A-Za-z0-9_]* (no '/'), got '" + name + "'");
    }
    if (variables.containsKey(name) || states.containsKey(name)) {
      throw new IllegalArgumentException("variable '" + name + "' already exists");
    }
    Operand<TFloat32> initial = init.call(root, root.constant(shape.asArray()), TFloat32.class);
    Variable<TFloat32> v = root.withName(name).variable(initial);
    states.put(name, v);
    return v;
  }

  /** The non-trainable state variables, in creation order. */
  public List<Variable<TFloat32>> states() {
    return Collections.unmodifiableList(new ArrayList<>(states.values()));
  }

  /** The variables in creation order. */
  public List<Variable<TFloat32>> variables() {
    return Collections.unmodifiableList(new ArrayList<>(variables.values()));
  }

  /** The variable with this name. */
  public Variable<TFloat32> variable(String name) {
    Variable<TFloat32> v = variables.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no parameter named '" + name + "'; have " + variables.keySet());
    }
    return v;
  }

  /**
   * The values of the trainable parameters created after the first {@code from} (in creation order), as read by the
   * graph: what a regulariser of one component's weights sums over (differentiate through these reads, not through the
   * variables themselves).
   */
  public List<Operand<TFloat32>> readsFrom(int from) {
    return List.copyOf(new ArrayList<>(reads.values()).subList(from, reads.size()));
  }

  /** Total number of scalar parameters. */
  public long count() {
    long n = 0;
    for (Variable<TFloat32> v : variables.values()) {
      n += v.shape().size();
    }
    return n;
  }
}
