package dev.vaelab.gmm;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.math.Constants;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The decoder distribution of the mixture's triad, P_dec(y | z) = N(y; μ_z, Σ_z) for a one-hot z
 * (shape {@code [..., K]}), with full covariances. Written for one-hot z:
 *
 * <pre>
 *   ln P_dec(y | z) = Σ_n z_n ln N(y; μ_n, Σ_n),   ln N = −½ (D ln 2π + ln |Σ_n| + ‖(y − μ_n)ᵀ P_n‖²),   P_n = L_n⁻ᵀ
 *   E[y | z]        = Σ_n z_n μ_n
 *   sample          : y = Σ_n z_n (μ_n + L_n ε)
 * </pre>
 *
 * The factors L_n (Σ_n = L_n L_nᵀ) and P_n are computed once in float64 in Java and enter the graph
 * as float32 constants.
 */
final class ComponentGaussian implements Distribution {
  private final Operand<TFloat32> z;
  private final Operand<TFloat32> means; // [K, D]
  private final Operand<TFloat32> precisionFactors; // [K, D, D]
  private final Operand<TFloat32> lowerFactors; // [K, D, D]
  private final Operand<TFloat32> logDets; // [K]
  private final int dimension;

  ComponentGaussian(Operand<TFloat32> z, Operand<TFloat32> means, Operand<TFloat32> precisionFactors, Operand<TFloat32> lowerFactors,
      Operand<TFloat32> logDets, int dimension) {
    this.z = z;
    this.means = means;
    this.precisionFactors = precisionFactors;
    this.lowerFactors = lowerFactors;
    this.logDets = logDets;
    this.dimension = dimension;
  }

  @Override
  public long eventSize() {
    return dimension;
  }

  /** ln N(y; μ_n, Σ_n) for every component n, shape {@code [batch, K]}. */
  Operand<TFloat32> componentLogDensities(Ops tf, Operand<TFloat32> y) {
    Operand<TFloat32> diff = tf.math.sub(tf.expandDims(y, tf.constant(-2)), means); // [batch, K, D]
    // (y − μ_n)ᵀ P_n: Σ_i diff[b, n, i] P_n[i, j]
    Operand<TFloat32> solved = tf.reduceSum(tf.math.mul(tf.expandDims(diff, tf.constant(-1)), precisionFactors), tf.constant(-2));
    Operand<TFloat32> maha = tf.reduceSum(tf.math.square(solved), tf.constant(-1)); // [batch, K]
    Operand<TFloat32> c = tf.math.add(tf.constant((float) (dimension * Constants.LN_2PI)), logDets);
    return tf.math.mul(tf.constant(-0.5f), tf.math.add(maha, c));
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> value) {
    // z [..., batch, K] selects from [batch, K]
    return tf.reduceSum(tf.math.mul(z, componentLogDensities(tf, value)), tf.constant(-1));
  }

  @Override
  public Operand<TFloat32> mean(Ops tf) {
    return tf.reduceSum(tf.math.mul(tf.expandDims(z, tf.constant(-1)), means), tf.constant(-2));
  }

  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Seed seed) {
    Operand<TFloat32> eps = new dev.vaelab.core.distribution.StandardNormal(dimension).sample(tf, shape, seed); // [..., D]
    // L_z = Σ_n z_n L_n, then L_z ε
    Operand<TFloat32> l = tf.reduceSum(tf.math.mul(tf.expandDims(tf.expandDims(z, tf.constant(-1)), tf.constant(-1)), lowerFactors), tf.constant(-3));
    Operand<TFloat32> le = tf.reduceSum(tf.math.mul(l, tf.expandDims(eps, tf.constant(-2))), tf.constant(-1));
    return tf.math.add(mean(tf), le);
  }

  @Override
  public boolean isReparameterized() {
    return true; // y = μ_z + L_z ε given z
  }
}
