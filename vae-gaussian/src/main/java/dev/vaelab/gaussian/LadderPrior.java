package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.DiagonalGaussian;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The ladder VAE's generative hierarchy over z = [z₁, …, z_L]: p(z) = N(z_L; 0, I) Π_{i<L} p(z_i|z_{i+1}), each
 * p(z_i|z_{i+1}) a diagonal Gaussian from a {@link StochasticLayer} (the same layers the posterior merges with).
 * Sampled ancestrally from the top.
 */
public final class LadderPrior implements GaussianChain {
  private final List<GaussianConditional> topDown;
  private final long[] sizes;

  /**
   * @param topDown p(z_i|z_{i+1}), i = 1 … L−1
   * @param sizes d_1 … d_L
   */
  public LadderPrior(List<? extends GaussianConditional> topDown, long[] sizes) {
    this.topDown = List.copyOf(topDown);
    this.sizes = sizes.clone();
  }

  /** p(z_i|z_{i+1}) (i from 0), or N(0, I) for the top layer. */
  public DiagonalGaussian layer(Ops tf, int i, Operand<TFloat32> above) {
    if (i == sizes.length - 1) {
      Operand<TFloat32> zeros = tf.zeros(tf.constant(new long[] {sizes[i]}), TFloat32.class);
      return new DiagonalGaussian(zeros, zeros);
    }
    return topDown.get(i).at(tf, above);
  }

  @Override
  public long[] layerSizes() {
    return sizes;
  }
}
