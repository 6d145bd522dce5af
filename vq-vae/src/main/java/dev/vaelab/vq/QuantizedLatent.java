package dev.vaelab.vq;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.Seed;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The VQ-VAE encoder's output as a distribution: the deterministic one-hot posterior
 * q(z = e_k | y) = 1 for k = the nearest code (note 003), over the flattened quantised latents
 * {@code [batch, positions · D]}. Sampling returns z_q (straight-through), ln q(z_q | y) = 0.
 */
public final class QuantizedLatent implements Distribution {
  private final Quantized quantized;
  private final Operand<TFloat32> flat;
  private final VectorQuantizer quantizer;
  private final long eventSize;

  QuantizedLatent(Ops tf, Quantized quantized, VectorQuantizer quantizer, long eventSize) {
    this.quantized = quantized;
    this.quantizer = quantizer;
    this.eventSize = eventSize;
    this.flat = tf.reshape(quantized.quantized(), tf.constant(new long[] {-1, eventSize}));
  }

  /** The quantisation behind this posterior (codes, loss terms, perplexity). */
  public Quantized quantized() {
    return quantized;
  }

  /** The quantiser that produced it. */
  public VectorQuantizer quantizer() {
    return quantizer;
  }

  @Override
  public long eventSize() {
    return eventSize;
  }

  /** z_q itself, whatever the shape asked (the posterior is a point mass). */
  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Seed seed) {
    return flat;
  }

  /** 0 = ln 1 at z_q (the posterior is one-hot). */
  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> value) {
    return tf.math.mul(tf.reduceSum(value, tf.constant(-1)), tf.constant(0f));
  }

  @Override
  public Operand<TFloat32> mean(Ops tf) {
    return flat;
  }

  @Override
  public boolean isReparameterized() {
    return true;
  }
}
