package dev.vaelab.core.model;

import dev.vaelab.core.distribution.Distribution;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The encoder P_enc(z|y): maps a batch of observations y to a distribution over latents z. */
@FunctionalInterface
public interface Encoder {
  /**
   * @param y observations, shape {@code [batch, D]}
   * @return P_enc(z|y) with parameters of shape {@code [batch, d]}
   */
  Distribution encode(Ops tf, Operand<TFloat32> y);
}
