package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.model.Conditioning;
import dev.vaelab.core.model.Decoder;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The decoder p(y | z, c) of a conditional VAE (Sohn et al. 2015): a decoder built for latents of
 * size d + C applied to [z, c]. The context {@code [batch, C]} is broadcast over any leading sample
 * axes of z ({@code [k, batch, d]} for the importance-weighted bound).
 */
public final class ConditionalDecoder implements Decoder {
  private final Decoder inner;
  private final Conditioning conditioning;

  /**
   * @param inner a decoder of latents of size d + C
   * @param conditioning the model's context c, {@code [batch, C]}
   */
  public ConditionalDecoder(Decoder inner, Conditioning conditioning) {
    this.inner = inner;
    this.conditioning = conditioning;
  }

  @Override
  public Distribution decode(Ops tf, Operand<TFloat32> z) {
    Operand<TInt32> target = dev.vaelab.core.distribution.EventShape.withEventSize(tf, tf.shape(z), conditioning.size());
    Operand<TFloat32> c = tf.broadcastTo(conditioning.context(), target);
    return inner.decode(tf, tf.concat(java.util.List.of(z, c), tf.constant(-1)));
  }
}
