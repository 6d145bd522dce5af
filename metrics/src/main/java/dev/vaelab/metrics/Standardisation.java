package dev.vaelab.metrics;

/**
 * Each feature shifted and scaled by the training set's mean and standard deviation, (x − m) / s (s = 1 for a
 * constant feature) — applied to the training and the test vectors alike, so the probe's step size does not depend on
 * the scale of the latent space.
 */
final class Standardisation {
  private final double[] mean;
  private final double[] scale;

  private Standardisation(double[] mean, double[] scale) {
    this.mean = mean;
    this.scale = scale;
  }

  static Standardisation fit(double[][] train) {
    int d = train[0].length;
    double[] m = new double[d];
    double[] s = new double[d];
    for (double[] row : train) {
      for (int j = 0; j < d; j++) {
        m[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      m[j] /= train.length;
    }
    for (double[] row : train) {
      for (int j = 0; j < d; j++) {
        s[j] += (row[j] - m[j]) * (row[j] - m[j]);
      }
    }
    for (int j = 0; j < d; j++) {
      double sd = Math.sqrt(s[j] / train.length);
      s[j] = sd > 0 ? sd : 1;
    }
    return new Standardisation(m, s);
  }

  double[][] apply(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = new double[x[i].length];
      for (int j = 0; j < x[i].length; j++) {
        out[i][j] = (x[i][j] - mean[j]) / scale[j];
      }
    }
    return out;
  }
}
