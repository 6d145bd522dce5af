package dev.vaelab.core.distribution;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Gaussian observation models N(y; μ, σ² I) with one σ shared by all examples: the decoder of
 * note 004's nonlinear latent variable model, "the covariance is fixed ... σ can be learned, too".
 *
 * <p>Both factories return a {@link DiagonalGaussian} whose ln σ² broadcasts over the batch, so
 * there is one Gaussian formula in the library.
 */
public final class Gaussian {
  private Gaussian() {}

  /**
   * N(μ, σ² I) with a fixed σ.
   *
   * @param sigma σ &gt; 0
   */
  public static DiagonalGaussian withFixedSigma(Ops tf, Operand<TFloat32> mean, double sigma) {
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("Gaussian sigma must be a finite number > 0, got " + sigma);
    }
    return new DiagonalGaussian(mean, tf.constant((float) (2.0 * Math.log(sigma))));
  }

  /**
   * N(μ, diag σ²) with a learned ln σ, shared over the batch.
   *
   * @param logSigma ln σ, a scalar or a {@code [d]} vector (normally a trainable variable)
   */
  public static DiagonalGaussian withLearnedSigma(
      Ops tf, Operand<TFloat32> mean, Operand<TFloat32> logSigma) {
    return new DiagonalGaussian(mean, tf.math.mul(tf.constant(2f), logSigma));
  }
}
