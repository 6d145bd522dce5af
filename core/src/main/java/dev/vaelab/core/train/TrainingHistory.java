package dev.vaelab.core.train;

import java.util.List;

/**
 * The epochs of one {@link Trainer#fit} call.
 *
 * @param epochs metrics of each epoch, in order
 */
public record TrainingHistory(List<EpochMetrics> epochs) {
  /** The last epoch's metrics. */
  public EpochMetrics last() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("no epochs were trained");
    }
    return epochs.get(epochs.size() - 1);
  }

  /** Median seconds per training epoch. */
  public double medianEpochSeconds() {
    double[] s = epochs.stream().mapToDouble(EpochMetrics::seconds).sorted().toArray();
    if (s.length == 0) {
      return Double.NaN;
    }
    return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
  }
}
