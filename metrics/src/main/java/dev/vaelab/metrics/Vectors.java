package dev.vaelab.metrics;

/** Checks and small operations on row-major sets of vectors, shared by the metrics. */
final class Vectors {
  private Vectors() {}

  /** Refuses a null or ragged matrix, fewer than {@code minRows} rows, zero columns or a non-finite value. */
  static void requireMatrix(double[][] x, String what, int minRows) {
    if (x == null || x.length < minRows) {
      throw new IllegalArgumentException(what + ": need at least " + minRows + " vectors, got " + (x == null ? "none" : x.length));
    }
    int d = x[0].length;
    if (d == 0) {
      throw new IllegalArgumentException(what + ": vectors of 0 values");
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != d) {
        throw new IllegalArgumentException(what + ": vector " + i + " has " + x[i].length + " values, the first has " + d);
      }
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(x[i][j])) {
          throw new IllegalArgumentException(what + ": vector " + i + " has the non-finite value " + x[i][j] + " at " + j);
        }
      }
    }
  }

  /** Refuses two sets of different dimension. */
  static void requireSameDimension(double[][] a, double[][] b, String what) {
    if (a[0].length != b[0].length) {
      throw new IllegalArgumentException(what + ": the two sets have dimensions " + a[0].length + " and " + b[0].length);
    }
  }

  /** ‖a − b‖². */
  static double squaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double t = a[j] - b[j];
      s += t * t;
    }
    return s;
  }

  /** a · b. */
  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  /** Labels of a set: one per vector, each ≥ 0. */
  static void requireLabels(int[] labels, int n, String what) {
    if (labels == null || labels.length != n) {
      throw new IllegalArgumentException(what + ": need one label per vector (" + n + "), got " + (labels == null ? "none" : labels.length));
    }
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException(what + ": label " + i + " is " + labels[i] + ", expected a class number >= 0");
      }
    }
  }
}
