package dev.vaelab.core.model;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.StandardNormal;
import org.tensorflow.op.Ops;

/** The fixed prior P_pri(z) = N(0, I) over R^d. */
public final class StandardNormalPrior implements Prior {
  private final StandardNormal distribution;

  /** @param latentSize d */
  public StandardNormalPrior(long latentSize) {
    this.distribution = new StandardNormal(latentSize);
  }

  @Override
  public Distribution distribution(Ops tf) {
    return distribution;
  }
}
