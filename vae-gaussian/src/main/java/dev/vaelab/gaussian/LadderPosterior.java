package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.DiagonalGaussian;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The ladder VAE's posterior over z = [z₁, …, z_L] (Sønderby et al. 2016, eq. 17–19): a bottom-up pass gives each layer
 * a Gaussian N(μ̂_i, σ̂_i²) from the data; the top layer is q(z_L|y) = N(μ̂_L, σ̂_L²), and each layer below merges its
 * bottom-up Gaussian with the generative model's top-down p(z_i|z_{i+1}) = N(μ_p, σ_p²) by precision weighting:
 *
 * <pre>
 *   σ_q⁻² = σ̂⁻² + σ_p⁻²,   μ_q = (μ̂ σ̂⁻² + μ_p σ_p⁻²) σ_q²,   q(z_i|z_{i+1}, y) = N(μ_q, σ_q²)
 *   ln q(z|y) = ln q(z_L|y) + Σ_{i<L} ln q(z_i|z_{i+1}, y)
 * </pre>
 *
 * Sampled top-down (reparameterised). The density is defined at any z (the merge conditions on the given z_{i+1}), so
 * the importance-weighted bound and the log-likelihood estimate use it unchanged. {@link #mean}: the top-down pass at
 * the means.
 */
public final class LadderPosterior implements GaussianChain {
  private final List<DiagonalGaussian> bottomUp;
  private final List<GaussianConditional> topDown;
  private final long[] sizes;

  /**
   * @param bottomUp N(μ̂_i, σ̂_i²), i = 1 … L, of the batch
   * @param topDown p(z_i|z_{i+1}), i = 1 … L−1 (shared with the prior)
   */
  public LadderPosterior(List<DiagonalGaussian> bottomUp, List<? extends GaussianConditional> topDown) {
    if (bottomUp.size() != topDown.size() + 1) {
      throw new IllegalArgumentException("a ladder of " + bottomUp.size() + " layers needs " + (bottomUp.size() - 1) + " top-down layers, got " + topDown.size());
    }
    this.bottomUp = List.copyOf(bottomUp);
    this.topDown = List.copyOf(topDown);
    this.sizes = bottomUp.stream().mapToLong(DiagonalGaussian::eventSize).toArray();
  }

  /** The precision-weighted merge of the bottom-up N(μ̂, σ̂²) and the top-down N(μ_p, σ_p²). */
  public static DiagonalGaussian merge(Ops tf, DiagonalGaussian up, DiagonalGaussian down) {
    Operand<TFloat32> a = tf.math.neg(up.logVariance()); // ln σ̂⁻²
    Operand<TFloat32> b = tf.math.neg(down.logVariance()); // ln σ_p⁻²
    // ln(e^a + e^b) = max(a, b) + softplus(−|a − b|)
    Operand<TFloat32> logPrecision = tf.math.add(tf.math.maximum(a, b), tf.math.softplus(tf.math.neg(tf.math.abs(tf.math.sub(a, b)))));
    Operand<TFloat32> wUp = tf.math.sigmoid(tf.math.sub(a, b)); // σ̂⁻² / (σ̂⁻² + σ_p⁻²)
    Operand<TFloat32> mean = tf.math.add(tf.math.mul(wUp, up.loc()), tf.math.mul(tf.math.sub(tf.constant(1f), wUp), down.loc()));
    return new DiagonalGaussian(mean, tf.math.neg(logPrecision));
  }

  /** The bottom-up Gaussian N(μ̂_i, σ̂_i²) of layer i (from 0, the bottom). */
  public DiagonalGaussian bottomUp(int i) {
    return bottomUp.get(i);
  }

  /** The sizes d_1 … d_L. */
  public long[] sizes() {
    return sizes.clone();
  }

  /** q(z_i|z_{i+1}, y) at the given z_{i+1} (i counted from 0, the bottom layer); the top layer's q(z_L|y) for i = L−1. */
  public DiagonalGaussian layer(Ops tf, int i, Operand<TFloat32> above) {
    return i == sizes.length - 1 ? bottomUp.get(i) : merge(tf, bottomUp.get(i), topDown.get(i).at(tf, above));
  }

  @Override
  public long[] layerSizes() {
    return sizes;
  }
}
