package dev.vaelab.core.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The masked autoencoder for distribution estimation (Germain et al. 2015): a network from x ∈ ℝ^d (and an optional
 * context h ∈ ℝ^c, connected to every hidden unit) to {@code heads} outputs of size d each, in which output i depends
 * on x_0 … x_{i−1} only (and on h) — the autoregressive property that makes the inverse autoregressive flow (Kingma et
 * al. 2016) and the masked autoregressive flow (Papamakarios et al. 2017) triangular.
 *
 * <pre>
 *   degrees: m(x_i) = i + 1 (i = 0 … d−1),  m(hidden unit k) = 1 + (k mod max(1, d − 1)),  m(output i) = i + 1
 *   input → hidden  connected iff m(hidden) ≥ m(input)
 *   hidden → hidden connected iff m(next) ≥ m(previous)
 *   hidden → output connected iff m(output) &gt; m(hidden)
 * </pre>
 *
 * Hidden layers use ReLU; the heads are linear.
 */
public final class Made {
  private final int d;
  private final List<MaskedDense> layers = new ArrayList<>();
  private final List<Dense> contextLayers = new ArrayList<>();
  private final List<MaskedDense> heads = new ArrayList<>();

  /**
   * @param name prefix of the variable names
   * @param d the size of x
   * @param contextSize c, the size of h (0: none)
   * @param hidden hidden layer sizes (at least one)
   * @param heads number of outputs of size d
   */
  public Made(Parameters params, String name, int d, int contextSize, int[] hidden, int heads, long seed) {
    if (d < 1) {
      throw new IllegalArgumentException("MADE '" + name + "': d must be >= 1, got " + d);
    }
    if (hidden.length == 0 || heads < 1 || contextSize < 0) {
      throw new IllegalArgumentException("MADE '" + name + "' needs at least one hidden layer and one head, got " + hidden.length
          + " hidden layers, " + heads + " heads, context " + contextSize);
    }
    this.d = d;
    int[] previous = inputDegrees(d);
    for (int l = 0; l < hidden.length; l++) {
      if (hidden[l] < 1) {
        throw new IllegalArgumentException("MADE '" + name + "': hidden sizes must be >= 1, got " + java.util.Arrays.toString(hidden));
      }
      int[] next = hiddenDegrees(d, hidden[l]);
      layers.add(new MaskedDense(params, name + "_h" + l, mask(previous, next, false), seed * 100 + l));
      previous = next;
    }
    if (contextSize > 0) {
      contextLayers.add(new Dense(params, name + "_ctx", contextSize, hidden[0], seed * 100 + 50));
    }
    for (int k = 0; k < heads; k++) {
      this.heads.add(new MaskedDense(params, name + "_out" + k, mask(previous, inputDegrees(d), true), seed * 100 + 60 + k));
    }
  }

  /** The degrees of the inputs (and of the outputs): 1 … d. */
  public static int[] inputDegrees(int d) {
    int[] m = new int[d];
    for (int i = 0; i < d; i++) {
      m[i] = i + 1;
    }
    return m;
  }

  /** The degrees of a hidden layer of {@code size} units: 1 + (k mod max(1, d − 1)). */
  public static int[] hiddenDegrees(int d, int size) {
    int[] m = new int[size];
    for (int k = 0; k < size; k++) {
      m[k] = 1 + (k % Math.max(1, d - 1));
    }
    return m;
  }

  /** M[i][j] = 1 iff m(to_j) ≥ m(from_i) (hidden) or m(to_j) &gt; m(from_i) ({@code strict}, the outputs). */
  public static float[][] mask(int[] from, int[] to, boolean strict) {
    float[][] m = new float[from.length][to.length];
    for (int i = 0; i < from.length; i++) {
      for (int j = 0; j < to.length; j++) {
        m[i][j] = (strict ? to[j] > from[i] : to[j] >= from[i]) ? 1f : 0f;
      }
    }
    return m;
  }

  /** The size d of x and of every head. */
  public int size() {
    return d;
  }

  /**
   * The heads at x ({@code [..., d]}) with context h ({@code [..., c]}, broadcast against x's leading axes; null when
   * the network has none).
   */
  public List<Operand<TFloat32>> apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> context) {
    if (contextLayers.isEmpty() != (context == null)) {
      throw new IllegalArgumentException(contextLayers.isEmpty() ? "this MADE has no context input, one was given"
          : "this MADE needs its context input, none was given");
    }
    Operand<TFloat32> h = layers.get(0).apply(tf, x);
    if (context != null) {
      h = tf.math.add(h, contextLayers.get(0).apply(tf, context));
    }
    h = tf.nn.relu(h);
    for (int l = 1; l < layers.size(); l++) {
      h = tf.nn.relu(layers.get(l).apply(tf, h));
    }
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (MaskedDense head : heads) {
      out.add(head.apply(tf, h));
    }
    return out;
  }
}
