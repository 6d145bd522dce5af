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
}
