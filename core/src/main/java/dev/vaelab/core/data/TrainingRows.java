package dev.vaelab.core.data;

import java.util.Random;

/**
 * The rows a trainer draws its minibatches from: a {@link Dataset} in memory, or rows streamed
 * from disk ({@link StreamedNpyRows}) for data larger than the heap. An epoch visits the rows in
 * {@link #order}; batches are consecutive slices of it.
 */
public interface TrainingRows {
  /** A name for messages. */
  String name();

  /** Number of examples n. */
  int size();

  /** D, values per example. */
  int dimension();

  /** Whether every example carries a context. */
  boolean hasContext();

  /** C, the context length per example (0 without context). */
  int contextSize();

  /** The order in which an epoch visits the rows (a permutation of 0..n−1). */
  int[] order(Random random);

  /** Copies the rows {@code order[from..to)} into {@code dst} ((to − from) × D values). */
  void copyRows(int[] order, int from, int to, float[] dst);

  /** Copies the contexts of rows {@code order[from..to)} into {@code dst} (nothing without context). */
  void copyContextRows(int[] order, int from, int to, float[] dst);
}
