package dev.vaelab.core.distribution;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A batch of distributions over vectors whose last axis is the event axis.
 *
 * <p>Parameters have shape {@code [..., d]}; values passed to {@link #logProb} may carry extra
 * leading sample axes ({@code [k, ..., d]}) and broadcast against the parameters.
 * {@code logProb} sums over the event axis, so it returns shape {@code [k, ...]}.
 */
public interface Distribution {

  /** Size d of the event axis. */
  long eventSize();

  /**
   * Draws a sample of the given full shape (leading sample axes followed by the parameter shape).
   * Reparameterised ({@code z = g(ε, θ)} with ε from a fixed distribution) when {@link
   * #isReparameterized()} is true, so gradients flow to the parameters.
   *
   * <p>The shape must not depend on trainable variables: TensorFlow Java then fails to build
   * gradients ("No gradient defined for op: RandomStandardNormal"). Derive it from a placeholder
   * or a constant.
   *
   * @param shape full shape of the sample, e.g. {@code [batch, d]} or {@code [k, batch, d]}
   * @param seed op-level seed pair; equal seeds give equal streams in a fresh session
   */
  Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Seed seed);

  /** ln p(value), summed over the event axis. */
  Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> value);

  /** The mean E[x], with the parameter shape {@code [..., d]}. */
  Operand<TFloat32> mean(Ops tf);

  /** Whether {@link #sample} is a differentiable function of the parameters. */
  boolean isReparameterized();
}
