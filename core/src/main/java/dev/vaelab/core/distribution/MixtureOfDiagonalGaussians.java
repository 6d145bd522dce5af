package dev.vaelab.core.distribution;

import dev.vaelab.core.math.LogSumExp;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A mixture of K diagonal Gaussians over R^d, p(z) = Σ_k π_k N(z; μ_k, diag σ_k²), with π =
 * softmax(ℓ). Used as a learned prior, as the VampPrior's form, and for a fitted mixture.
 *
 * <h2>Mathematical details</h2>
 *
 * <pre>
 *   ln p(z) = ln Σ_k exp( ln π_k + ln N(z; μ_k, σ_k²) )     (log-sum-exp: finite far from every component)
 *   sample  : k ~ Categorical(π) (Gumbel-max), then z = μ_k + σ_k ⊙ ε      (ancestral)
 *   E[z]    = Σ_k π_k μ_k
 * </pre>
 *
 * The component choice is discrete, so a sample is not reparameterised with respect to π.
 */
public final class MixtureOfDiagonalGaussians implements Distribution {
  private final Operand<TFloat32> logits;
  private final Operand<TFloat32> means;
  private final Operand<TFloat32> logVariances;
  private final long components;
  private final long dimension;

  /**
   * @param logits ℓ, shape {@code [K]} (π = softmax(ℓ))
   * @param means μ, shape {@code [K, d]}
   * @param logVariances ln σ², shape {@code [K, d]}
   */
  public MixtureOfDiagonalGaussians(Operand<TFloat32> logits, Operand<TFloat32> means, Operand<TFloat32> logVariances) {
    if (means.shape().numDimensions() != 2 || logits.shape().numDimensions() != 1) {
      throw new IllegalArgumentException("mixture needs logits [K] and means [K, d], got " + logits.shape() + " and " + means.shape());
    }
    this.logits = logits;
    this.means = means;
    this.logVariances = logVariances;
    this.components = means.shape().get(0);
    this.dimension = means.shape().get(1);
  }

  /** K. */
  public long components() {
    return components;
  }

  /** ln π, shape {@code [K]}. */
  public Operand<TFloat32> logWeights(Ops tf) {
    return tf.math.sub(logits, LogSumExp.logSumExp(tf, logits, 0));
  }

  /** μ. */
  public Operand<TFloat32> means() {
    return means;
  }

  /** ln σ². */
  public Operand<TFloat32> logVariances() {
    return logVariances;
  }

  @Override
  public long eventSize() {
    return dimension;
  }

  /** ln π_k + ln N(z; μ_k, σ_k²) for every component, shape {@code [..., K]}. */
  public Operand<TFloat32> componentLogJoint(Ops tf, Operand<TFloat32> value) {
    Operand<TFloat32> z = tf.expandDims(value, tf.constant(-2)); // [..., 1, d] against [K, d]
    Operand<TFloat32> perComponent = new DiagonalGaussian(means, logVariances).logProb(tf, z); // [..., K]
    return tf.math.add(perComponent, logWeights(tf));
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> value) {
    return LogSumExp.logSumExp(tf, componentLogJoint(tf, value), -1);
  }

  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Seed seed) {
    // shape = [..., d]: one component per leading position
    Operand<TInt32> gumbelShape = EventShape.withEventSize(tf, shape, components);
    Operand<TFloat32> g = Noise.gumbel(tf, gumbelShape, seed);
    Operand<TInt64> k = tf.math.argMax(tf.math.add(g, logits), tf.constant(-1), TInt64.class);
    Operand<TFloat32> mu = tf.gather(means, k, tf.constant(0));
    Operand<TFloat32> logVar = tf.gather(logVariances, k, tf.constant(0));
    Operand<TFloat32> eps = StandardNormal.noise(tf, shape, seed.derive(1));
    return tf.math.add(mu, tf.math.mul(tf.math.exp(tf.math.mul(logVar, tf.constant(0.5f))), eps));
  }

  /** Σ_k π_k μ_k, shape {@code [d]}. */
  @Override
  public Operand<TFloat32> mean(Ops tf) {
    Operand<TFloat32> w = tf.math.exp(logWeights(tf));
    return tf.reduceSum(tf.math.mul(tf.expandDims(w, tf.constant(-1)), means), tf.constant(0));
  }

  @Override
  public boolean isReparameterized() {
    return false;
  }
}
