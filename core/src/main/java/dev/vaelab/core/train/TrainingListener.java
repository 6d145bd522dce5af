package dev.vaelab.core.train;

/** Receives training progress. All methods default to doing nothing. */
public interface TrainingListener {
  /** After each minibatch step. */
  default void onBatch(int epoch, int batch, int batchesPerEpoch, double loss) {}

  /** After each epoch (and its evaluation and checkpoint). */
  default void onEpochEnd(EpochMetrics metrics) {}
}
