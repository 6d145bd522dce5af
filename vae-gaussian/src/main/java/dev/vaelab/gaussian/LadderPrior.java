package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.Seed;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The ladder VAE's generative hierarchy over z = [z₁, …, z_L]: p(z) = N(z_L; 0, I) Π_{i<L} p(z_i|z_{i+1}), each
 * p(z_i|z_{i+1}) a diagonal Gaussian from a {@link StochasticLayer} (the same layers the posterior merges with).
 * Sampled ancestrally from the top.
 */
public final class LadderPrior implements Distribution {
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
  public long eventSize() {
    long s = 0;
    for (long x : sizes) {
      s += x;
    }
    return s;
  }

  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Seed seed) {
    Operand<TFloat32>[] z = LadderPosterior.newArray(sizes.length);
    for (int i = sizes.length - 1; i >= 0; i--) {
      z[i] = layer(tf, i, i + 1 < sizes.length ? z[i + 1] : null).sample(tf, ChainedGaussian.withLast(tf, shape, sizes[i]), seed.derive(i));
    }
    return tf.concat(List.of(z), tf.constant(-1));
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> value) {
    Operand<TFloat32> total = null;
    for (Operand<TFloat32> t : layerLogProbs(tf, value)) {
      total = total == null ? t : tf.math.add(total, t);
    }
    return total;
  }

  /** ln p(z_i|z_{i+1}) of each layer at z (bottom first; the top layer's ln N(z_L; 0, I) last). */
  public List<Operand<TFloat32>> layerLogProbs(Ops tf, Operand<TFloat32> value) {
    List<Operand<TFloat32>> parts = split(tf, value, sizes);
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      out.add(layer(tf, i, i + 1 < sizes.length ? parts.get(i + 1) : null).logProb(tf, parts.get(i)));
    }
    return out;
  }

  /** E[z]: the top-down pass at the means (the exact mean of the top layer, the means given the means below it). */
  @Override
  public Operand<TFloat32> mean(Ops tf) {
    Operand<TFloat32>[] z = LadderPosterior.newArray(sizes.length);
    for (int i = sizes.length - 1; i >= 0; i--) {
      z[i] = layer(tf, i, i + 1 < sizes.length ? z[i + 1] : null).mean(tf);
    }
    return tf.concat(List.of(z), tf.constant(-1));
  }

  @Override
  public boolean isReparameterized() {
    return true;
  }

  /** z split along its last axis into blocks of {@code sizes}. */
  static List<Operand<TFloat32>> split(Ops tf, Operand<TFloat32> z, long[] sizes) {
    List<Operand<TFloat32>> parts = new ArrayList<>();
    long from = 0;
    for (long s : sizes) {
      parts.add(tf.stridedSlice(z, Indices.ellipsis(), Indices.slice(from, from + s)));
      from += s;
    }
    return parts;
  }
}
