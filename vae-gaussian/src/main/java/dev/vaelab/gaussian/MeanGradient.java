package dev.vaelab.gaussian;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A decoder that can give the gradient of its mean with respect to its input as forward ops,
 *
 * <pre>
 *   g(z) = ∇_z Σ_j E[y_j | z]      ([n, d] for z of shape [n, d])
 * </pre>
 *
 * built without TensorFlow's gradient ops, so that a penalty on it (the RAE's gradient penalty) can itself be trained by
 * gradient descent.
 */
public interface MeanGradient {
  /** ∇_z Σ_j E[y_j|z] for z of shape [n, d]. */
  Operand<TFloat32> meanGradient(Ops tf, Operand<TFloat32> z);
}
