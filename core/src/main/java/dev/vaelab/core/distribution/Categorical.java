package dev.vaelab.core.distribution;

import dev.vaelab.core.math.LogSumExp;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A categorical distribution over K classes, values written one-hot (event axis of size K),
 * parameterised by unnormalised logits ℓ.
 *
 * <h2>Mathematical details</h2>
 *
 * <pre>
 *   π_k            = softmax(ℓ)_k,    ln π_k = ℓ_k − ln Σ_j exp ℓ_j
 *   ln q(z)        = Σ_k z_k ln π_k                      (z one-hot)
 *   H(q)           = −Σ_k π_k ln π_k
 *   KL(q ‖ p)      = Σ_k π_k (ln π_k − ln ρ_k)          (registered with {@link KlDivergence})
 *   sample         : z = onehot(argmax_k (ℓ_k + g_k)),  g_k ~ Gumbel(0, 1)  (Gumbel-max; not reparameterised)
 * </pre>
 *
 * <p>A sample is not a differentiable function of ℓ, so {@link #isReparameterized()} is false:
 * objectives enumerate its K values instead ({@link Enumerable}), or relax it ({@link
 * RelaxedOneHotCategorical}).
 */
public final class Categorical implements Enumerable {
  private final Operand<TFloat32> logits;
  private final long classes;

  /** @param logits ℓ, shape {@code [..., K]} with K known */
  public Categorical(Operand<TFloat32> logits) {
    if (logits.shape().numDimensions() < 1 || logits.shape().get(-1) < 1) {
      throw new IllegalArgumentException("Categorical logits need a known last axis K >= 1, got shape " + logits.shape());
    }
    this.logits = logits;
    this.classes = logits.shape().get(-1);
  }

  /** ℓ. */
  public Operand<TFloat32> logits() {
    return logits;
  }

  /** ln π = ℓ − ln Σ exp ℓ, shape {@code [..., K]}. */
  public Operand<TFloat32> logProbs(Ops tf) {
    return tf.math.sub(logits, tf.expandDims(LogSumExp.logSumExp(tf, logits, -1), tf.constant(-1)));
  }

  /** π = softmax(ℓ). */
  public Operand<TFloat32> probs(Ops tf) {
    return tf.math.exp(logProbs(tf));
  }

  @Override
  public long eventSize() {
    return classes;
  }

  @Override
  public long supportSize() {
    return classes;
  }

  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Seed seed) {
    Operand<TFloat32> g = Noise.gumbel(tf, shape, seed);
    Operand<TInt64> index = tf.math.argMax(tf.math.add(logits, g), tf.constant(-1), TInt64.class);
    return tf.oneHot(index, tf.constant((int) classes), tf.constant(1f), tf.constant(0f));
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> value) {
    return tf.reduceSum(tf.math.mul(value, logProbs(tf)), tf.constant(-1));
  }

  /** H(q) = −Σ_k π_k ln π_k. */
  public Operand<TFloat32> entropy(Ops tf) {
    Operand<TFloat32> lp = logProbs(tf);
    return tf.math.neg(tf.reduceSum(tf.math.mul(tf.math.exp(lp), lp), tf.constant(-1)));
  }

  /** E[z] = π. */
  @Override
  public Operand<TFloat32> mean(Ops tf) {
    return probs(tf);
  }

  @Override
  public boolean isReparameterized() {
    return false;
  }

  /** The K one-hot vectors, shape {@code [K, 1, ..., K]} (the identity with batch axes of size 1). */
  @Override
  public Operand<TFloat32> support(Ops tf) {
    Operand<TFloat32> eye = tf.constant(identity((int) classes));
    int batchAxes = logits.shape().numDimensions() - 1;
    long[] shape = new long[batchAxes + 2];
    java.util.Arrays.fill(shape, 1);
    shape[0] = classes;
    shape[shape.length - 1] = classes;
    return tf.reshape(eye, tf.constant(shape));
  }

  /** ln π_k of each value, moved to the front: shape {@code [K, ...batch]}. */
  @Override
  public Operand<TFloat32> logProbOfSupport(Ops tf) {
    Operand<TFloat32> lp = logProbs(tf);
    int rank = logits.shape().numDimensions();
    int[] perm = new int[rank];
    perm[0] = rank - 1;
    for (int i = 1; i < rank; i++) {
      perm[i] = i - 1;
    }
    return tf.linalg.transpose(lp, tf.constant(perm));
  }

  private static float[][] identity(int k) {
    float[][] m = new float[k][k];
    for (int i = 0; i < k; i++) {
      m[i][i] = 1f;
    }
    return m;
  }
}
