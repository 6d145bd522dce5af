package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.Seed;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A joint distribution over two stochastic layers z = [z₁, z₂] (z₁ the first d₁ values of the event
 * axis, z₂ the last d₂) that factorises as a chain: an outer variable drawn first, then the inner
 * one given it,
 *
 * <pre>
 *   p(z) = p(outer) · p(inner | outer),   ln p(z) = ln p(outer) + ln p(inner | outer)
 * </pre>
 *
 * The encoder of Burda et al.'s two-layer model is q(z₁|y) q(z₂|z₁) (outer = z₁), its prior
 * p(z₂) p(z₁|z₂) (outer = z₂). Sampling is ancestral and reparameterised when both layers are.
 * {@link #mean} is the mean of the outer layer with the inner layer's mean at it, E[outer] and
 * E[inner | outer = E[outer]] (the inner layer's marginal mean has no closed form).
 */
public final class ChainedGaussian implements Distribution {
  private final DiagonalGaussian outer;
  private final StochasticLayer inner;
  private final boolean outerFirst;
  private final long outerSize;
  private final long innerSize;

  /**
   * @param outer p(outer)
   * @param inner p(inner | outer)
   * @param outerFirst whether the outer variable is z₁ (first on the event axis) or z₂ (last)
   */
  public ChainedGaussian(DiagonalGaussian outer, StochasticLayer inner, boolean outerFirst) {
    this.outer = outer;
    this.inner = inner;
    this.outerFirst = outerFirst;
    this.outerSize = outer.eventSize();
    this.innerSize = inner.outputSize();
  }

  /** d₁ + d₂. */
  @Override
  public long eventSize() {
    return outerSize + innerSize;
  }

  /** p(outer). */
  public DiagonalGaussian outer() {
    return outer;
  }

  /** p(inner | outer) at the given values of the outer variable. */
  public DiagonalGaussian innerGiven(Ops tf, Operand<TFloat32> outerValue) {
    return inner.at(tf, outerValue);
  }

  /** Size of z₁ (the first block of the event axis). */
  public long firstSize() {
    return outerFirst ? outerSize : innerSize;
  }

  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Seed seed) {
    Operand<TFloat32> o = outer.sample(tf, withLast(tf, shape, outerSize), seed.derive(0));
    Operand<TFloat32> i = inner.at(tf, o).sample(tf, withLast(tf, shape, innerSize), seed.derive(1));
    return join(tf, o, i);
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> value) {
    Operand<TFloat32> o = outerPart(tf, value);
    return tf.math.add(outer.logProb(tf, o), inner.at(tf, o).logProb(tf, innerPart(tf, value)));
  }

  @Override
  public Operand<TFloat32> mean(Ops tf) {
    Operand<TFloat32> o = outer.mean(tf);
    return join(tf, o, inner.at(tf, o).mean(tf));
  }

  @Override
  public boolean isReparameterized() {
    return outer.isReparameterized();
  }

  /** The outer variable's values in z (shape {@code [..., d_outer]}). */
  public Operand<TFloat32> outerPart(Ops tf, Operand<TFloat32> z) {
    return outerFirst ? first(tf, z, outerSize) : last(tf, z, innerSize);
  }

  /** The inner variable's values in z. */
  public Operand<TFloat32> innerPart(Ops tf, Operand<TFloat32> z) {
    return outerFirst ? last(tf, z, outerSize) : first(tf, z, innerSize);
  }

  private Operand<TFloat32> join(Ops tf, Operand<TFloat32> o, Operand<TFloat32> i) {
    return tf.concat(outerFirst ? List.of(o, i) : List.of(i, o), tf.constant(-1));
  }

  /** The first n values of the last axis. */
  static Operand<TFloat32> first(Ops tf, Operand<TFloat32> z, long n) {
    return tf.stridedSlice(z, Indices.ellipsis(), Indices.slice(0, n));
  }

  /** The last axis from index n on. */
  static Operand<TFloat32> last(Ops tf, Operand<TFloat32> z, long n) {
    return tf.stridedSlice(z, Indices.ellipsis(), Indices.sliceFrom(n));
  }

  /** {@code shape} with its last entry replaced by {@code size}. */
  static Operand<TInt32> withLast(Ops tf, Operand<TInt32> shape, long size) {
    Operand<TInt32> lead = tf.stridedSlice(shape, Indices.slice(0, -1));
    return tf.concat(List.of(lead, tf.constant(new int[] {(int) size})), tf.constant(0));
  }
}
