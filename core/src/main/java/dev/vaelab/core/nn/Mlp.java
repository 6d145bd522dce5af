package dev.vaelab.core.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A stack of {@link Dense} layers with one nonlinearity after every hidden layer; the last layer
 * is linear. {@code sizes = [784, 400, 40]} is Linear(784, 400) − ReLU − Linear(400, 40).
 */
public final class Mlp {
  private final List<Dense> layers = new ArrayList<>();
  private final Activation activation;

  /**
   * @param name prefix of the layer names ({@code name_l0}, {@code name_l1}, ...)
   * @param sizes input size, hidden sizes, output size (at least two entries)
   */
  public Mlp(Parameters params, String name, long[] sizes, Activation activation, long seed) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException("Mlp needs at least an input and an output size, got " + sizes.length + " sizes");
    }
    this.activation = activation;
    for (int i = 0; i + 1 < sizes.length; i++) {
      layers.add(new Dense(params, name + "_l" + i, sizes[i], sizes[i + 1], seed * 1000 + i));
    }
  }

  /** The network's output for input x (rank 2 or more). */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> h = x;
    for (int i = 0; i < layers.size(); i++) {
      h = layers.get(i).apply(tf, h);
      if (i + 1 < layers.size()) {
        h = activation.apply(tf, h);
      }
    }
    return h;
  }

  /**
   * The vector-Jacobian product vᵀ ∂f/∂x for x of shape [n, in] and v of shape [n, out] (row by row), written out as
   * forward ops — backpropagation by hand, δ_L = v, δ_{l−1} = (δ_l W_lᵀ) ⊙ a'(x_{l−1}) — so that, unlike TensorFlow's
   * gradient ops, the result can be differentiated again (a gradient penalty trained by gradient descent).
   *
   * @param v one vector per row, or null for all ones (the gradient of Σ_j f_j)
   * @param outputDerivative a function of the output applied to v first (the derivative of an output nonlinearity), or
   *     null
   */
  public Operand<TFloat32> vectorJacobian(Ops tf, Operand<TFloat32> x, Operand<TFloat32> v,
      java.util.function.UnaryOperator<Operand<TFloat32>> outputDerivative) {
    List<Operand<TFloat32>> pre = new ArrayList<>();
    List<Operand<TFloat32>> post = new ArrayList<>();
    Operand<TFloat32> h = x;
    for (int i = 0; i < layers.size(); i++) {
      h = layers.get(i).apply(tf, h);
      pre.add(h);
      if (i + 1 < layers.size()) {
        h = activation.apply(tf, h);
      }
      post.add(h);
    }
    Operand<TFloat32> delta; // (no OnesLike: TensorFlow has no C++ gradient for it, and this is differentiated again)
    if (outputDerivative != null) {
      delta = v == null ? outputDerivative.apply(h) : tf.math.mul(v, outputDerivative.apply(h));
    } else {
      delta = v == null ? tf.math.add(tf.math.mul(h, tf.constant(0f)), tf.constant(1f)) : v;
    }
    for (int i = layers.size() - 1; i >= 0; i--) {
      if (i + 1 < layers.size()) {
        delta = tf.math.mul(delta, activation.derivative(tf, pre.get(i), post.get(i)));
      }
      delta = layers.get(i).applyTransposed(tf, delta);
    }
    return delta;
  }
}
