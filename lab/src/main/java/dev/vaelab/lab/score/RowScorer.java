package dev.vaelab.lab.score;

import java.util.List;

/**
 * Per-row scores of a trained run, built once (per Spark partition, say) and fed consecutive rows of
 * a data set in any pieces: the same rows give the same numbers as {@code vaelab evaluate} and
 * {@code vaelab encode} compute for that data set in one process, however the rows are split.
 *
 * <p>Rows are the model's inputs, after the run's preprocessing (for a binarised image run: the
 * binarised pixels, H·W·C values per row, channels last); a neural model reads them as float32. Stochastic scores draw the noise of the
 * fixed-size block a row falls in (block number = global row index / block size, as the evaluator
 * batches), so a caller gives each piece's global position and the data set's size; a block cut
 * between two pieces is scored padded to its full size, which leaves every row's numbers unchanged.
 * Not thread-safe; close it to free its graph.
 */
public interface RowScorer extends AutoCloseable {
  /** Values per input row. */
  int dimension();

  /** Values of each row's context (a conditional model's c, e.g. a one-hot label); 0 for an unconditioned model. */
  default int contextSize() {
    return 0;
  }

  /** Names of the output columns, in order. */
  List<String> columns();

  /**
   * Scores rows {@code first … first + n − 1} of a data set of {@code total} rows.
   *
   * @param rows the n rows, row-major (n × {@link #dimension()})
   * @param contexts their contexts (n × {@link #contextSize()}), or null for an unconditioned model
   * @return n rows of {@link #columns()} values
   */
  double[][] score(double[] rows, double[] contexts, int n, long first, long total);

  @Override
  void close();

  /** Checks the arguments of {@link #score} against the scorer's dimension and context size. */
  static void check(double[] rows, double[] contexts, int n, long first, long total, int dimension, int contextSize) {
    if (contextSize == 0 && contexts != null) {
      throw new IllegalArgumentException("the model is not conditioned on a context; got contexts");
    }
    if (contextSize > 0 && (contexts == null || contexts.length < (long) n * contextSize)) {
      throw new IllegalArgumentException("the model is conditioned on " + contextSize + " context values per row; "
          + (contexts == null ? "got none" : "got " + contexts.length + " for " + n + " rows"));
    }
    if (n < 0 || rows.length < (long) n * dimension) {
      throw new IllegalArgumentException(n + " rows of " + dimension + " values need " + (long) n * dimension + " values, got " + rows.length);
    }
    if (first < 0 || first + n > total) {
      throw new IllegalArgumentException("rows " + first + ".." + (first + n - 1) + " are not within a data set of " + total + " rows");
    }
  }
}
