package dev.vaelab.core.data;

/**
 * One minibatch as the graph is fed: n rows of observations y (row-major, n × D) and, for data
 * that carries one, the context c of each row (n × C) that conditional models see. A model feeds
 * the context only if it is conditioned; an unconditioned one ignores it.
 *
 * @param y observations, at least n × D values (a reused buffer may be longer)
 * @param context contexts, at least n × C values, or null when the data has none
 * @param n number of rows
 */
public record Batch(float[] y, float[] context, int n) {
  public Batch {
    if (y == null || n < 0) {
      throw new IllegalArgumentException("a batch needs observations and n >= 0, got n = " + n);
    }
  }

  /** A batch without context. */
  public static Batch of(float[] y, int n) {
    return new Batch(y, null, n);
  }

  /** Whether the rows carry a context. */
  public boolean hasContext() {
    return context != null;
  }
}
