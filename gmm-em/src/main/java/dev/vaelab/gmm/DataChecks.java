package dev.vaelab.gmm;

/** Input validation and simple statistics of a data matrix. */
final class DataChecks {
  private DataChecks() {}

  /** Rejects empty, ragged or non-finite data, naming the offending entry. */
  static void validate(double[][] x, String what) {
    if (x == null || x.length == 0) {
      throw new IllegalArgumentException(what + " is empty");
    }
    int d = x[0].length;
    if (d == 0) {
      throw new IllegalArgumentException(what + " has rows of dimension 0");
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != d) {
        throw new IllegalArgumentException(what + ": row " + i + " has " + x[i].length + " values, expected " + d);
      }
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(x[i][j])) {
          throw new IllegalArgumentException(what + " has a non-finite value " + x[i][j] + " at row " + i + ", column " + j);
        }
      }
    }
  }

  /** Per-column population variance. */
  static double[] variance(double[][] x) {
    int d = x[0].length;
    double[] mean = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / x.length;
      }
    }
    double[] v = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        v[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
      }
    }
    return v;
  }
}
