package dev.vaelab.core.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch measured. Training numbers are example-weighted means over the epoch's minibatches
 * (as the parameters changed); test numbers are measured after the epoch (NaN when no test set).
 *
 * @param epoch 1-based
 * @param steps optimisation steps taken so far
 * @param trainLoss the minimised objective
 * @param trainElbo −(rate + distortion)
 * @param trainRate mean rate, nats
 * @param trainDistortion mean distortion, nats
 * @param testElbo test ELBO after the epoch
 * @param testRate test rate
 * @param testDistortion test distortion
 * @param testBound the objective's own bound on the test set (the ELBO, or L_k for IWAE)
 * @param seconds wall time of the epoch's training loop (evaluation excluded)
 * @param skippedBatches minibatches skipped in this epoch for a non-finite loss or gradient (only
 *     when skipping is on; 0 otherwise)
 */
public record EpochMetrics(
    int epoch,
    long steps,
    double trainLoss,
    double trainElbo,
    double trainRate,
    double trainDistortion,
    double testElbo,
    double testRate,
    double testDistortion,
    double testBound,
    double seconds,
    long skippedBatches) {

  /** Column names of {@link #toMap()}, in order. */
  public static final String[] COLUMNS = {
    "epoch", "steps", "train_loss", "train_elbo", "train_rate", "train_distortion",
    "test_elbo", "test_rate", "test_distortion", "test_bound", "seconds", "skipped_batches"
  };

  /** Metrics of an epoch in which no batch was skipped. */
  public EpochMetrics(int epoch, long steps, double trainLoss, double trainElbo, double trainRate, double trainDistortion,
      double testElbo, double testRate, double testDistortion, double testBound, double seconds) {
    this(epoch, steps, trainLoss, trainElbo, trainRate, trainDistortion, testElbo, testRate, testDistortion, testBound, seconds, 0);
  }

  /** The metrics by column name. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epoch", epoch);
    m.put("steps", steps);
    m.put("train_loss", trainLoss);
    m.put("train_elbo", trainElbo);
    m.put("train_rate", trainRate);
    m.put("train_distortion", trainDistortion);
    m.put("test_elbo", testElbo);
    m.put("test_rate", testRate);
    m.put("test_distortion", testDistortion);
    m.put("test_bound", testBound);
    m.put("seconds", seconds);
    m.put("skipped_batches", skippedBatches);
    return m;
  }
}
