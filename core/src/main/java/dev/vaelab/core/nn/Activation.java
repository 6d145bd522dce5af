package dev.vaelab.core.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Element-wise nonlinearities for hidden layers. */
public enum Activation {
  RELU,
  TANH,
  SOFTPLUS,
  /** No nonlinearity (linear layer). */
  IDENTITY;

  /** Applies the nonlinearity. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return switch (this) {
      case RELU -> tf.nn.relu(x);
      case TANH -> tf.math.tanh(x);
      case SOFTPLUS -> tf.math.softplus(x);
      case IDENTITY -> x;
    };
  }

  /**
   * The derivative a'(x) at the pre-activation x, given the output a(x), built from forward ops only (so that a
   * gradient built from it can itself be differentiated, and only from ops that have TensorFlow C++ gradients — not
   * OnesLike, not a comparison): ReLU sign(a) = 1[x &gt; 0], tanh 1 − a², softplus sigmoid(x), identity 1 (a scalar that
   * broadcasts).
   */
  public Operand<TFloat32> derivative(Ops tf, Operand<TFloat32> x, Operand<TFloat32> a) {
    return switch (this) {
      case RELU -> tf.math.sign(a);
      case TANH -> tf.math.sub(tf.constant(1f), tf.math.square(a));
      case SOFTPLUS -> tf.math.sigmoid(x);
      case IDENTITY -> tf.constant(1f);
    };
  }
}
