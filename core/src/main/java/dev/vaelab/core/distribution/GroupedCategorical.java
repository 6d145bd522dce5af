package dev.vaelab.core.distribution;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * N independent categorical variables of K classes each, written as one flattened vector of N
 * one-hot blocks (event size N · K) — the latent of a categorical VAE (Jang et al. 2017: 30 groups of
 * 10 classes on MNIST). Parameterised by logits ℓ of shape {@code [..., N · K]}, read group by group.
 *
 * <h2>Mathematical details</h2>
 *
 * <pre>
 *   π_{n,k}   = softmax(ℓ_n)_k                       (one softmax per group n)
 *   ln q(z)   = Σ_n Σ_k z_{n,k} ln π_{n,k}           (z: N one-hot blocks)
 *   KL(q ‖ p) = Σ_n Σ_k π_{n,k} (ln π_{n,k} − ln ρ_{n,k})     (registered with {@link KlDivergence};
 *               against the uniform prior ρ = 1/K: Σ_n (ln K − H(π_n)))
 *   sample    : z_n = onehot(argmax_k (ℓ_{n,k} + g_{n,k})),  g ~ Gumbel(0, 1)   (Gumbel-max)
 * </pre>
 *
 * <p>A sample is not a differentiable function of ℓ ({@link #isReparameterized()} is false). The
 * K^N joint values can be enumerated when there are few ({@link Enumerable}: the plain ELBO then
 * takes the expectation exactly); otherwise train through the Gumbel-softmax relaxation ({@code
 * GumbelSoftmaxElbo}), whose relaxed sample is {@link #relaxedSample}.
 */
public final class GroupedCategorical implements Enumerable {
  /** Largest K^N for which {@link #support} is built. */
  public static final long MAX_SUPPORT = 1 << 16;

  private final Operand<TFloat32> logits;
  private final int groups;
  private final int classes;

  /**
   * @param logits ℓ, shape {@code [..., N · K]}
   * @param groups N
   * @param classes K ≥ 2
   */
  public GroupedCategorical(Operand<TFloat32> logits, int groups, int classes) {
    if (groups < 1 || classes < 2) {
      throw new IllegalArgumentException("a grouped categorical needs N >= 1 groups of K >= 2 classes, got N = " + groups + ", K = " + classes);
    }
    if (logits.shape().numDimensions() < 1 || logits.shape().get(-1) != (long) groups * classes) {
      throw new IllegalArgumentException("grouped categorical logits need a last axis of N·K = " + (long) groups * classes + ", got shape "
          + logits.shape());
    }
    this.logits = logits;
    this.groups = groups;
    this.classes = classes;
  }

  /** The uniform distribution over N groups of K classes (logits 0), broadcasting over the batch. */
  public static GroupedCategorical uniform(Ops tf, int groups, int classes) {
    return new GroupedCategorical(tf.zeros(tf.constant(new long[] {1, (long) groups * classes}), TFloat32.class), groups, classes);
  }

  public int groups() {
    return groups;
  }

  public int classes() {
    return classes;
  }

  /** ℓ, shape {@code [..., N · K]}. */
  public Operand<TFloat32> logits() {
    return logits;
  }

  /** ln π, shape {@code [..., N, K]}. */
  public Operand<TFloat32> logProbs(Ops tf) {
    return new Categorical(byGroup(tf, logits)).logProbs(tf);
  }

  /** An operand of shape {@code [..., N · K]} viewed as {@code [..., N, K]}. */
  public Operand<TFloat32> byGroup(Ops tf, Operand<TFloat32> x) {
    Operand<TInt32> shape = tf.shape(x);
    Operand<TInt32> leading = tf.slice(shape, tf.constant(new int[] {0}), tf.expandDims(tf.math.sub(tf.size(shape), tf.constant(1)), tf.constant(0)));
    return tf.reshape(x, tf.concat(java.util.List.of(leading, tf.constant(new int[] {groups, classes})), tf.constant(0)));
  }

  /** An operand of shape {@code [..., N, K]} flattened back to {@code [..., N · K]}. */
  public Operand<TFloat32> flatten(Ops tf, Operand<TFloat32> x) {
    Operand<TInt32> shape = tf.shape(x);
    Operand<TInt32> leading = tf.slice(shape, tf.constant(new int[] {0}), tf.expandDims(tf.math.sub(tf.size(shape), tf.constant(2)), tf.constant(0)));
    return tf.reshape(x, tf.concat(java.util.List.of(leading, tf.constant(new int[] {groups * classes})), tf.constant(0)));
  }

  @Override
  public long eventSize() {
    return (long) groups * classes;
  }

  /** K^N (saturating at {@link Long#MAX_VALUE}). */
  @Override
  public long supportSize() {
    return supportSize(groups, classes);
  }

  /** K^N, the number of joint values of N groups of K classes (saturating at {@link Long#MAX_VALUE}). */
  public static long supportSize(int groups, int classes) {
    long s = 1;
    for (int n = 0; n < groups; n++) {
      if (s > Long.MAX_VALUE / classes) {
        return Long.MAX_VALUE;
      }
      s *= classes;
    }
    return s;
  }

  /** Gumbel(0, 1) noise of {@code shape} ({@code [..., N · K]}) viewed as {@code [..., N, K]}. */
  public Operand<TFloat32> gumbel(Ops tf, Operand<TInt32> shape, Seed seed) {
    return byGroup(tf, Noise.gumbel(tf, shape, seed));
  }

  /** The Gumbel-max sample for given noise g ({@code [..., N, K]}): one-hot argmax(ℓ + g) per group, flattened. */
  public Operand<TFloat32> hardSample(Ops tf, Operand<TFloat32> g) {
    Operand<TInt64> index = tf.math.argMax(tf.math.add(byGroup(tf, logits), g), tf.constant(-1), TInt64.class);
    return flatten(tf, tf.oneHot(index, tf.constant(classes), tf.constant(1f), tf.constant(0f)));
  }

  /**
   * The Gumbel-softmax (Concrete) sample for the same noise: softmax((ℓ + g) / τ) per group,
   * flattened — differentiable in ℓ; its argmax is {@link #hardSample} of the same g.
   */
  public Operand<TFloat32> relaxedSample(Ops tf, Operand<TFloat32> g, Operand<TFloat32> temperature) {
    return flatten(tf, tf.nn.softmax(tf.math.div(tf.math.add(byGroup(tf, logits), g), temperature)));
  }

  /**
   * The straight-through Gumbel sample for the same noise: z + z̃ − stopgrad(z̃) — its value is the
   * one-hot {@link #hardSample}, its gradient that of the relaxed sample z̃.
   */
  public Operand<TFloat32> straightThroughSample(Ops tf, Operand<TFloat32> g, Operand<TFloat32> temperature) {
    Operand<TFloat32> soft = relaxedSample(tf, g, temperature);
    return tf.math.add(soft, tf.stopGradient(tf.math.sub(hardSample(tf, g), soft)));
  }

  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Seed seed) {
    return hardSample(tf, gumbel(tf, shape, seed));
  }

  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> value) {
    return tf.reduceSum(tf.math.mul(byGroup(tf, value), logProbs(tf)), tf.constant(new int[] {-2, -1}));
  }

  /** H(q) = −Σ_n Σ_k π_{n,k} ln π_{n,k}. */
  public Operand<TFloat32> entropy(Ops tf) {
    Operand<TFloat32> lp = logProbs(tf);
    return tf.math.neg(tf.reduceSum(tf.math.mul(tf.math.exp(lp), lp), tf.constant(new int[] {-2, -1})));
  }

  /** E[z] = π, flattened. */
  @Override
  public Operand<TFloat32> mean(Ops tf) {
    return flatten(tf, tf.math.exp(logProbs(tf)));
  }

  @Override
  public boolean isReparameterized() {
    return false;
  }

  /**
   * The K^N joint values, shape {@code [K^N, 1, ..., N · K]} (batch axes of size 1); value s has
   * class ⌊s / K^(N−1−n)⌋ mod K in group n.
   */
  @Override
  public Operand<TFloat32> support(Ops tf) {
    float[][] values = supportValues();
    int batchAxes = logits.shape().numDimensions() - 1;
    long[] shape = new long[batchAxes + 2];
    java.util.Arrays.fill(shape, 1);
    shape[0] = values.length;
    shape[shape.length - 1] = (long) groups * classes;
    return tf.reshape(tf.constant(values), tf.constant(shape));
  }

  /** ln q of each joint value, moved to the front: shape {@code [K^N, ...batch]}. */
  @Override
  public Operand<TFloat32> logProbOfSupport(Ops tf) {
    Operand<TFloat32> lp = tf.reshape(logProbs(tf), tf.shape(logits)); // [..., N·K]
    Operand<TFloat32> sel = tf.constant(supportValues()); // [S, N·K]
    int rank = logits.shape().numDimensions();
    // Σ over the event axis of value ⊙ ln π: a matrix product of [..., N·K] with [N·K, S], then S to the front
    Operand<TFloat32> flat = tf.reshape(lp, tf.constant(new long[] {-1, (long) groups * classes}));
    Operand<TFloat32> prod = tf.linalg.matMul(flat, sel, org.tensorflow.op.linalg.MatMul.transposeB(true)); // [B, S]
    Operand<TFloat32> t = tf.linalg.transpose(prod, tf.constant(new int[] {1, 0})); // [S, B]
    Operand<TInt32> batchShape = tf.slice(tf.shape(logits), tf.constant(new int[] {0}), tf.constant(new int[] {rank - 1}));
    return tf.reshape(t, tf.concat(java.util.List.of(tf.constant(new int[] {-1}), batchShape), tf.constant(0)));
  }

  private float[][] supportValues() {
    long size = supportSize();
    if (size > MAX_SUPPORT) {
      throw new IllegalArgumentException("cannot enumerate " + classes + "^" + groups + " = " + (size == Long.MAX_VALUE ? "more than 2^63" : size)
          + " joint values of a grouped categorical (at most " + MAX_SUPPORT + ")");
    }
    float[][] v = new float[(int) size][groups * classes];
    for (int s = 0; s < size; s++) {
      int rest = s;
      for (int n = groups - 1; n >= 0; n--) {
        v[s][n * classes + rest % classes] = 1f;
        rest /= classes;
      }
    }
    return v;
  }
}
