package dev.vaelab.core.model;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The context c that a conditional model sees beside each example — one-hot class labels or any
 * float vector, shape {@code [batch, C]} — as an operand of the graph that components built for a
 * conditional model capture: the encoder q(z|y,c), the decoder p(y|z,c) and optionally the prior
 * p(z|c). An unconditioned model gets {@link #NONE} and never looks at it.
 */
public final class Conditioning {
  /** No context: the model is unconditioned. */
  public static final Conditioning NONE = new Conditioning(null, 0);

  private final Operand<TFloat32> context;
  private final long size;

  private Conditioning(Operand<TFloat32> context, long size) {
    this.context = context;
    this.size = size;
  }

  /** A context operand of shape {@code [batch, size]}. */
  public static Conditioning on(Operand<TFloat32> context, long size) {
    if (context == null || size < 1) {
      throw new IllegalArgumentException("a context needs an operand and a size >= 1, got size " + size);
    }
    return new Conditioning(context, size);
  }

  /** C, the context's length per example (0 without context). */
  public long size() {
    return size;
  }

  /** Whether there is a context. */
  public boolean isPresent() {
    return size > 0;
  }

  /**
   * The context operand, {@code [batch, C]}.
   *
   * @throws IllegalStateException for {@link #NONE}
   */
  public Operand<TFloat32> context() {
    if (context == null) {
      throw new IllegalStateException("this model is not conditioned on a context");
    }
    return context;
  }
}
