package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.nn.Dense;
import dev.vaelab.core.nn.Parameters;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The density-ratio trick for the total correlation (Kim &amp; Mnih 2018, FactorVAE): a classifier D of latent vectors
 * tells samples of the aggregate posterior q(z) (class 0) from samples of the product of its marginals Π_j q(z_j) (class
 * 1: a batch with each dimension permuted independently across the batch). Trained to optimality, its logits l₀, l₁ give
 * the log density ratio, so
 *
 * <pre>
 *   TC(z) = KL(q(z) ‖ Π_j q(z_j)) = E_{q(z)}[ ln q(z) / Π_j q(z_j) ] ≈ E_{q(z)}[ l₀(z) − l₁(z) ]
 *   discriminator loss = −½ ( mean_batch ln softmax(l(z))₀ + mean_batch ln softmax(l(z̃))₁ ),  z̃ the permuted batch
 * </pre>
 *
 * An MLP with leaky-ReLU (0.2) hidden layers and two outputs; its parameters are its own (not the model's), so the
 * model's optimiser never moves them.
 */
public final class TcDiscriminator {
  private final List<Dense> layers = new ArrayList<>();
  private final Parameters params;

  /**
   * @param params where its variables are created (its own set)
   * @param d the latent size
   * @param hidden hidden layer sizes
   */
  public TcDiscriminator(Parameters params, long d, long[] hidden, long seed) {
    this.params = params;
    long in = d;
    for (int i = 0; i < hidden.length; i++) {
      layers.add(new Dense(params, "disc_l" + i, in, hidden[i], seed + 31L * i));
      in = hidden[i];
    }
    layers.add(new Dense(params, "disc_out", in, 2, seed + 977));
  }

  /** Its trainable variables. */
  public List<Variable<TFloat32>> variables() {
    return params.variables();
  }

  /** The logits (l₀, l₁) of each row of z, {@code [B, 2]}. */
  public Operand<TFloat32> logits(Ops tf, Operand<TFloat32> z) {
    Operand<TFloat32> h = z;
    for (int i = 0; i < layers.size(); i++) {
      h = layers.get(i).apply(tf, h);
      if (i < layers.size() - 1) {
        h = tf.math.maximum(h, tf.math.mul(tf.constant(0.2f), h)); // leaky ReLU
      }
    }
    return h;
  }

  /** E[l₀ − l₁] over the batch: the estimate of TC(z) for z ~ q(z). */
  public Operand<TFloat32> tc(Ops tf, Operand<TFloat32> z) {
    Operand<TFloat32> l = logits(tf, z);
    Operand<TFloat32> l0 = tf.squeeze(tf.slice(l, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, 1})), org.tensorflow.op.core.Squeeze.axis(List.of(1L)));
    Operand<TFloat32> l1 = tf.squeeze(tf.slice(l, tf.constant(new int[] {0, 1}), tf.constant(new int[] {-1, 1})), org.tensorflow.op.core.Squeeze.axis(List.of(1L)));
    return tf.math.mean(tf.math.sub(l0, l1), tf.constant(0));
  }

  /** The discriminator's cross-entropy: z (no gradient into it) as class 0, its dimension-wise permutation as class 1. */
  public Operand<TFloat32> loss(Ops tf, Operand<TFloat32> z, Seed seed) {
    Operand<TFloat32> fixed = tf.stopGradient(z);
    Operand<TFloat32> permuted = permuteDimensions(tf, fixed, seed);
    Operand<TFloat32> real = tf.nn.logSoftmax(logits(tf, fixed));
    Operand<TFloat32> fake = tf.nn.logSoftmax(logits(tf, permuted));
    Operand<TFloat32> lReal = tf.math.mean(tf.slice(real, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, 1})), tf.constant(new int[] {0, 1}));
    Operand<TFloat32> lFake = tf.math.mean(tf.slice(fake, tf.constant(new int[] {0, 1}), tf.constant(new int[] {-1, 1})), tf.constant(new int[] {0, 1}));
    return tf.math.mul(tf.constant(-0.5f), tf.math.add(lReal, lFake));
  }

  /**
   * Each column of z permuted independently across the batch (a sample of Π_j q(z_j)): the order of each column is that
   * of a column of stateless uniform noise, sorted. No gradient flows through it.
   */
  public static Operand<TFloat32> permuteDimensions(Ops tf, Operand<TFloat32> z, Seed seed) {
    Operand<TInt32> shape = tf.shape(z);
    Operand<TFloat32> u = tf.random.statelessRandomUniform(shape, seed.statelessKey(tf), TFloat32.class);
    Operand<TInt32> n = tf.reshape(tf.slice(shape, tf.constant(new int[] {0}), tf.constant(new int[] {1})), tf.constant(new int[0]));
    // top-k of each column's noise (rows of the transposed [d, B]) gives a random permutation of 0..B−1 per column
    Operand<TInt32> perm = tf.nn.topK(tf.linalg.transpose(u, tf.constant(new int[] {1, 0})), n, TInt32.class).indices(); // [d, B]
    Operand<TInt32> rows = tf.linalg.transpose(perm, tf.constant(new int[] {1, 0})); // [B, d]
    Operand<TInt32> cols = tf.math.mul(tf.onesLike(rows), tf.expandDims(tf.range(tf.constant(0),
        tf.reshape(tf.slice(shape, tf.constant(new int[] {1}), tf.constant(new int[] {1})), tf.constant(new int[0])), tf.constant(1)), tf.constant(0)));
    return tf.gatherNd(z, tf.stack(List.of(rows, cols), org.tensorflow.op.core.Stack.axis(2L)));
  }
}
