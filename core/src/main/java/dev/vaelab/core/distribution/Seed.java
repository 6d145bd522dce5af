package dev.vaelab.core.distribution;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;

/**
 * The seed of one random op of a graph.
 *
 * <p>With a {@code counter} (the graph's optimisation-step counter, saved in checkpoints) the op
 * draws <em>stateless</em> random numbers keyed by (seed, counter, seed2): the noise of step t is
 * the same whether the run was interrupted and resumed or not, and a restored model evaluates with
 * the same noise as the run that saved it. Without a counter the op is a classic stateful random op
 * seeded by (seed, seed2), whose stream restarts with every new session.
 *
 * @param seed graph-level part, normally the user's seed
 * @param seed2 op-level part, distinct for every random op in a graph
 * @param counter step counter for stateless draws, or null
 */
public record Seed(long seed, long seed2, Operand<TInt64> counter) {

  /** A stateful seed (no counter). */
  public Seed(long seed, long seed2) {
    this(seed, seed2, null);
  }

  /** Whether draws are stateless, keyed by the counter. */
  public boolean isStateless() {
    return counter != null;
  }

  /** The [2] int64 key of a stateless op: (seed, counter · 1,000,003 + seed2). */
  public Operand<TInt64> statelessKey(Ops tf) {
    if (counter == null) {
      throw new IllegalStateException("a stateful seed has no stateless key");
    }
    Operand<TInt64> second = tf.math.add(tf.math.mul(counter, tf.constant(1_000_003L)), tf.constant(seed2));
    return tf.stack(List.of(tf.constant(seed), second));
  }

  /**
   * A second seed for an op that needs two independent noise sources (e.g. a mixture's component
   * choice and its Gaussian noise), distinct from every seed a {@link Sequence} hands out.
   */
  public Seed derive(int index) {
    return new Seed(seed, seed2 + ((long) index << 40), counter);
  }

  /** A source of distinct seeds for the random ops of one graph. */
  public static final class Sequence {
    private final long seed;
    private final Operand<TInt64> counter;
    private long next = 1;

    /** Stateful seeds: the user's seed, shared by all ops this sequence hands out. */
    public Sequence(long seed) {
      this(seed, null);
    }

    /** Stateless seeds keyed by {@code counter} (null for stateful ones). */
    public Sequence(long seed, Operand<TInt64> counter) {
      this.seed = seed;
      this.counter = counter;
    }

    /** The next seed: same user seed and counter, a fresh op-level part. */
    public synchronized Seed next() {
      return new Seed(seed, next++, counter);
    }
  }
}
