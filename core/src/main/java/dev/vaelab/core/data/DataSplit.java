package dev.vaelab.core.data;

import java.util.Random;

/** A seeded random train/test split of one data set. */
public final class DataSplit {
  private DataSplit() {}

  /**
   * Splits {@code all} at random: the first round(n · testFraction) examples of a seeded
   * permutation are the test split, the others (in permutation order) the training split.
   *
   * @return train then test
   * @throws IllegalArgumentException when the fraction is outside (0, 1) or a split would be empty
   */
  public static ShapedData[] random(ShapedData all, double testFraction, long seed) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("--test-fraction must be in (0, 1), got " + testFraction);
    }
    Dataset d = all.data();
    int n = d.size();
    int nTest = (int) Math.round(n * testFraction);
    if (nTest < 1 || nTest >= n) {
      throw new IllegalArgumentException("dataset '" + d.name() + "' has " + n + " examples; a test fraction of " + testFraction
          + " leaves " + nTest + " for testing and " + (n - nTest) + " for training (each needs at least 1)");
    }
    int[] order = Dataset.permutation(n, new Random(seed));
    int[] test = java.util.Arrays.copyOfRange(order, 0, nTest);
    int[] train = java.util.Arrays.copyOfRange(order, nTest, n);
    return new ShapedData[] {gather(all, train, "-train"), gather(all, test, "-test")};
  }

  private static ShapedData gather(ShapedData all, int[] rows, String suffix) {
    Dataset d = all.data();
    int dim = d.dimension();
    float[] v = new float[rows.length * dim];
    d.copyRows(rows, 0, rows.length, v);
    int[] labels = null;
    if (d.hasLabels()) {
      labels = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        labels[i] = d.label(rows[i]);
      }
    }
    return new ShapedData(new Dataset(d.name() + suffix, v, dim, labels), all.shape(), all.scaling(), all.classNames());
  }
}
