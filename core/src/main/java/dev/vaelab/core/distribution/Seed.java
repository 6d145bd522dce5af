package dev.vaelab.core.distribution;

/**
 * The (seed, seed2) pair of a TensorFlow random op. Two ops with the same pair draw the same
 * stream in a new session, so a run is reproducible from one user seed.
 *
 * @param seed graph-level part, normally the user's seed
 * @param seed2 op-level part, distinct for every random op in a graph
 */
public record Seed(long seed, long seed2) {

  /** A source of distinct seeds for the random ops of one graph. */
  public static final class Sequence {
    private final long seed;
    private long next = 1;

    /** @param seed the user's seed, shared by all ops this sequence hands out */
    public Sequence(long seed) {
      this.seed = seed;
    }

    /** The next seed pair: same user seed, a fresh op-level part. */
    public synchronized Seed next() {
      return new Seed(seed, next++);
    }
  }
}
