package dev.vaelab.lab.score;

/**
 * The rows a run's model takes as input, for both splits of a data set: read and preprocessed as the
 * run's own data were (e.g. pixels/255 binarised), before any feature map the model owns (the
 * mixture's PCA) — what a {@link RowScorer} scores.
 *
 * @param dimension values per row
 * @param train training rows, row-major
 * @param trainLabels their labels, or null
 * @param test test rows, row-major
 * @param testLabels their labels, or null
 * @param contextSize values of each row's context for a conditional model (0: none)
 * @param trainContexts the training rows' contexts (n × contextSize), or null
 * @param testContexts the test rows' contexts, or null
 */
public record ModelInputs(int dimension, double[] train, int[] trainLabels, double[] test, int[] testLabels, int contextSize,
    double[] trainContexts, double[] testContexts) {
  public ModelInputs {
    if (dimension < 1 || train.length % dimension != 0 || test.length % dimension != 0) {
      throw new IllegalArgumentException("rows of " + dimension + " values cannot hold " + train.length + " and " + test.length + " values");
    }
  }

  /** Inputs without contexts. */
  public ModelInputs(int dimension, double[] train, int[] trainLabels, double[] test, int[] testLabels) {
    this(dimension, train, trainLabels, test, testLabels, 0, null, null);
  }

  /** Training rows. */
  public int trainRows() {
    return train.length / dimension;
  }

  /** Test rows. */
  public int testRows() {
    return test.length / dimension;
  }

  /** The contexts of a dataset's rows as one flat array, or null without contexts. */
  public static double[] contexts(dev.vaelab.core.data.Dataset d) {
    if (!d.hasContext()) {
      return null;
    }
    float[] f = new float[d.size() * d.contextSize()];
    d.copyContextRows(java.util.stream.IntStream.range(0, d.size()).toArray(), 0, d.size(), f);
    double[] out = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = f[i];
    }
    return out;
  }

  /** Rows of a dataset as one flat array. */
  public static double[] flat(dev.vaelab.core.data.Dataset d) {
    float[] f = new float[d.size() * d.dimension()];
    d.copyRange(0, d.size(), f);
    double[] out = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = f[i];
    }
    return out;
  }
}
