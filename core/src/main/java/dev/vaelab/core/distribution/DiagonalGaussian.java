package dev.vaelab.core.distribution;

import dev.vaelab.core.math.Constants;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Gaussian with diagonal covariance, N(μ, diag σ²), parameterised by μ and ln σ².
 *
 * <h2>Mathematical details</h2>
 *
 * <pre>
 *   ln N(z; μ, σ²) = -½ Σ_j [ ln 2π + ln σ_j² + (z_j − μ_j)² / σ_j² ]
 *   H             =  ½ Σ_j [ 1 + ln 2π + ln σ_j² ]
 *   sample        :  z = μ + σ ⊙ ε,   ε ~ N(0, I)        (reparameterisation trick)
 * </pre>
 *
 * <p>ln σ² may have fewer axes than μ and broadcasts against it (a shared σ per dimension or a
 * scalar σ), which is how a Gaussian decoder with a fixed or learned σ is expressed, see {@link
 * Gaussian}.
 */
public final class DiagonalGaussian implements Distribution {
  private final Operand<TFloat32> mean;
  private final Operand<TFloat32> logVariance;
  private final long eventSize;

  /**
   * @param mean μ, shape {@code [..., d]}
   * @param logVariance ln σ², broadcastable to the shape of μ
   */
  public DiagonalGaussian(Operand<TFloat32> mean, Operand<TFloat32> logVariance) {
    this.mean = mean;
    this.logVariance = logVariance;
    this.eventSize = mean.shape().numDimensions() == 0 ? 1 : mean.shape().get(-1);
  }

  /** μ. */
  public Operand<TFloat32> loc() {
    return mean;
  }

  /** ln σ². */
  public Operand<TFloat32> logVariance() {
    return logVariance;
  }

  @Override
  public long eventSize() {
    return eventSize;
  }

  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Seed seed) {
    Operand<TFloat32> eps = StandardNormal.noise(tf, shape, seed);
    Operand<TFloat32> sigma = tf.math.exp(tf.math.mul(logVariance, tf.constant(0.5f)));
    return tf.math.add(mean, tf.math.mul(sigma, eps));
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> value) {
    Operand<TFloat32> sq = tf.math.squaredDifference(value, mean);
    Operand<TFloat32> scaled = tf.math.mul(sq, tf.math.exp(tf.math.neg(logVariance)));
    Operand<TFloat32> perDim =
        tf.math.add(tf.math.add(scaled, logVariance), tf.constant((float) Constants.LN_2PI));
    return tf.math.mul(tf.constant(-0.5f), tf.reduceSum(perDim, tf.constant(-1)));
  }

  /** Differential entropy ½ Σ_j (1 + ln 2π + ln σ_j²), summed over the event axis. */
  public Operand<TFloat32> entropy(Ops tf) {
    Operand<TFloat32> full = tf.math.add(tf.zerosLike(mean), logVariance);
    Operand<TFloat32> perDim = tf.math.add(full, tf.constant((float) (1.0 + Constants.LN_2PI)));
    return tf.math.mul(tf.constant(0.5f), tf.reduceSum(perDim, tf.constant(-1)));
  }

  /**
   * The same distribution with gradients stopped at its parameters (μ, ln σ²): samples and
   * densities keep their values, but no gradient reaches the network that produced them. Used by
   * the doubly-reparameterised gradient, which differentiates ln q(z) only through z.
   */
  public DiagonalGaussian stopGradient(Ops tf) {
    return new DiagonalGaussian(tf.stopGradient(mean), tf.stopGradient(logVariance));
  }

  @Override
  public Operand<TFloat32> mean(Ops tf) {
    return mean;
  }

  @Override
  public boolean isReparameterized() {
    return true;
  }
}
