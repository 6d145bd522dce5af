package dev.vaelab.gaussian.flow;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One invertible step z' = f(z; h) of a normalising flow over the last axis, with the log-determinant of its Jacobian,
 *
 * <pre>
 *   ln q(z') = ln q(z) − ln |det ∂f/∂z|
 * </pre>
 *
 * @see PlanarFlow
 * @see InverseAutoregressiveFlow
 */
public interface FlowStep {
  /**
   * @param z values {@code [..., d]}
   * @param context the encoder's context h {@code [batch, c]} (broadcast against z), or null for a flow without one
   * @return z' {@code [..., d]} and ln |det ∂z'/∂z| {@code [...]}
   */
  Step apply(Ops tf, Operand<TFloat32> z, Operand<TFloat32> context);

  /**
   * The result of one step.
   *
   * @param z the transformed values
   * @param logDet ln |det ∂z'/∂z|, one per vector
   */
  record Step(Operand<TFloat32> z, Operand<TFloat32> logDet) {}
}
