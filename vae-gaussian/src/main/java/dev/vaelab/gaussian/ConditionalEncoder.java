package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.model.Conditioning;
import dev.vaelab.core.model.Encoder;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The encoder q(z | y, c) of a conditional VAE (Sohn et al. 2015): an encoder built for inputs of
 * size D + C applied to the concatenation [y, c] of each example and its context.
 */
public final class ConditionalEncoder implements Encoder {
  private final Encoder inner;
  private final Conditioning conditioning;

  /**
   * @param inner an encoder of inputs of size D + C
   * @param conditioning the model's context c, {@code [batch, C]}
   */
  public ConditionalEncoder(Encoder inner, Conditioning conditioning) {
    this.inner = inner;
    this.conditioning = conditioning;
  }

  @Override
  public Distribution encode(Ops tf, Operand<TFloat32> y) {
    return inner.encode(tf, tf.concat(java.util.List.of(y, conditioning.context()), tf.constant(-1)));
  }
}
