package dev.vaelab.core.model;

import dev.vaelab.core.distribution.Distribution;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The decoder P_dec(y|z): maps latents z to a distribution over observations y. */
@FunctionalInterface
public interface Decoder {
  /**
   * @param z latents, shape {@code [batch, d]} or {@code [k, batch, d]}
   * @return P_dec(y|z) with parameters of shape {@code [..., D]}
   */
  Distribution decode(Ops tf, Operand<TFloat32> z);
}
