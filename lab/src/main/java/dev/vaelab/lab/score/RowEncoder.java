package dev.vaelab.lab.score;

/**
 * A trained run's representation of raw rows — rendered observations, say — as code vectors, with the run's own
 * preprocessing applied first (binarisation for a Bernoulli decoder): what the disentanglement metrics encode. Holds the
 * restored model until closed.
 */
public interface RowEncoder extends AutoCloseable {
  /** The codes (one row each, e.g. E[z|y]) of {@code n} rows of raw values. */
  double[][] codes(float[] rows, int n);

  @Override
  void close();
}
