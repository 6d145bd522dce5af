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
 * A top-down chain of diagonal Gaussians over z = [z₁, …, z_L] (z₁ at the bottom): r(z) = r(z_L) Π_{i<L} r(z_i|z_{i+1}),
 * the shape the ladder VAE's prior and posterior share. Given each layer's Gaussian at the layer above ({@link #layer}),
 * it samples ancestrally from the top, evaluates ln r(z) = Σ_i ln r(z_i|z_{i+1}) and its mean pass.
 */
public interface GaussianChain extends Distribution {
  /** The sizes d_1 … d_L (not copied: do not modify). */
  long[] layerSizes();

  /** r(z_i|z_{i+1}) at the given z_{i+1} (i from 0, the bottom); r(z_L) for i = L−1 (above is then null). */
  DiagonalGaussian layer(Ops tf, int i, Operand<TFloat32> above);

  @Override
  default long eventSize() {
    long s = 0;
    for (long x : layerSizes()) {
      s += x;
    }
    return s;
  }

  /** Ancestral sample: z_L first, then each layer at the sample above it. */
  @Override
  default Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Seed seed) {
    long[] sizes = layerSizes();
    List<Operand<TFloat32>> z = new ArrayList<>(java.util.Collections.nCopies(sizes.length, null));
    for (int i = sizes.length - 1; i >= 0; i--) {
      z.set(i, layer(tf, i, i + 1 < sizes.length ? z.get(i + 1) : null).sample(tf, ChainedGaussian.withLast(tf, shape, sizes[i]), seed.derive(i)));
    }
    return tf.concat(z, tf.constant(-1));
  }

  /** The top-down pass at the means (the exact mean of the top layer, each layer's mean given the means above it). */
  @Override
  default Operand<TFloat32> mean(Ops tf) {
    long[] sizes = layerSizes();
    List<Operand<TFloat32>> z = new ArrayList<>(java.util.Collections.nCopies(sizes.length, null));
    for (int i = sizes.length - 1; i >= 0; i--) {
      z.set(i, layer(tf, i, i + 1 < sizes.length ? z.get(i + 1) : null).mean(tf));
    }
    return tf.concat(z, tf.constant(-1));
  }

  @Override
  default Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> value) {
    Operand<TFloat32> total = null;
    for (Operand<TFloat32> t : layerLogProbs(tf, value)) {
      total = total == null ? t : tf.math.add(total, t);
    }
    return total;
  }

  /** ln r(z_i|z_{i+1}) of each layer at z (bottom first; the top layer's ln r(z_L) last). */
  default List<Operand<TFloat32>> layerLogProbs(Ops tf, Operand<TFloat32> value) {
    long[] sizes = layerSizes();
    List<Operand<TFloat32>> parts = split(tf, value, sizes);
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      out.add(layer(tf, i, i + 1 < sizes.length ? parts.get(i + 1) : null).logProb(tf, parts.get(i)));
    }
    return out;
  }

  @Override
  default boolean isReparameterized() {
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
