package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.DiagonalGaussian;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A diagonal Gaussian p(out | x) conditioned on an input x of shape {@code [..., in]}, such as a {@link StochasticLayer}. */
@FunctionalInterface
public interface GaussianConditional {
  /** p(out | x). */
  DiagonalGaussian at(Ops tf, Operand<TFloat32> x);
}
