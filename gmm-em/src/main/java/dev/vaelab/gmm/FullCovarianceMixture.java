package dev.vaelab.gmm;

import dev.vaelab.core.distribution.Categorical;
import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.math.LogSumExp;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A fixed mixture of full-covariance Gaussians as a distribution over z (a fitted mixture used as
 * a prior):
 *
 * <pre>
 *   ln p(z) = ln Σ_n exp(ln λ_n + ln N(z; μ_n, Σ_n))
 *   sample  : n ~ Categorical(λ), z = μ_n + L_n ε
 * </pre>
 *
 * Built on the triad's {@link ComponentGaussian} (one-hot z selects the component).
 */
final class FullCovarianceMixture implements Distribution {
  private final Operand<TFloat32> logWeights;
  private final java.util.function.Function<Operand<TFloat32>, ComponentGaussian> component;
  private final int components;
  private final int dimension;

  FullCovarianceMixture(Operand<TFloat32> logWeights, java.util.function.Function<Operand<TFloat32>, ComponentGaussian> component,
      int components, int dimension) {
    this.logWeights = logWeights;
    this.component = component;
    this.components = components;
    this.dimension = dimension;
  }

  @Override
  public long eventSize() {
    return dimension;
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> value) {
    ComponentGaussian any = component.apply(tf.zeros(tf.constant(new long[] {1, components}), TFloat32.class));
    return LogSumExp.logSumExp(tf, tf.math.add(any.componentLogDensities(tf, value), logWeights), -1);
  }

  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Seed seed) {
    // the component of every leading position: shape [..., K] from [..., D]
    Operand<TInt32> kShape = dev.vaelab.core.distribution.EventShape.withEventSize(tf, shape, components);
    Operand<TFloat32> z = new Categorical(tf.math.add(tf.zeros(kShape, TFloat32.class), logWeights)).sample(tf, kShape, seed);
    return component.apply(z).sample(tf, shape, seed.derive(1));
  }

  @Override
  public Operand<TFloat32> mean(Ops tf) {
    Operand<TFloat32> w = tf.math.exp(logWeights);
    return component.apply(w).mean(tf); // Σ_n λ_n μ_n
  }

  @Override
  public boolean isReparameterized() {
    return false;
  }
}
