package dev.vaelab.core.model;

import dev.vaelab.core.distribution.Distribution;
import org.tensorflow.op.Ops;

/** The prior P_pri(z) over latents. */
@FunctionalInterface
public interface Prior {
  /** P_pri(z); its parameters broadcast over the batch. */
  Distribution distribution(Ops tf);
}
