package dev.vaelab.gaussian.sampler;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.distribution.StandardNormal;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A fitted {@link Maf} as a fixed distribution in a model's graph (the prior P_pri(z) of {@code evaluate --sampler
 * maf}): ln p(z) by the flow's change of variables, samples by its inverse from N(0, I) noise, and as its "mean" the
 * training data's mean (the flow's mean has no closed form).
 */
public final class MafDistribution implements Distribution {
  private final Maf maf;

  public MafDistribution(Maf maf) {
    this.maf = maf;
  }

  @Override
  public long eventSize() {
    return maf.dimension();
  }

  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Seed seed) {
    return maf.fromNoise(tf, new StandardNormal(maf.dimension()).sample(tf, shape, seed));
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> value) {
    return maf.logProb(tf, value);
  }

  @Override
  public Operand<TFloat32> mean(Ops tf) {
    return tf.constant(Maf.toFloat(maf.shift()));
  }

  @Override
  public boolean isReparameterized() {
    return true;
  }
}
