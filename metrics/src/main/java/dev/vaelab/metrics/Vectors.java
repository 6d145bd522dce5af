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
    double s0 = 0; // four partial sums: independent chains the CPU runs in parallel (one chain waits on each addition)
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int n = a.length;
    int j = 0;
    for (; j + 3 < n; j += 4) {
      double t0 = a[j] - b[j];
      double t1 = a[j + 1] - b[j + 1];
      double t2 = a[j + 2] - b[j + 2];
      double t3 = a[j + 3] - b[j + 3];
      s0 += t0 * t0;
      s1 += t1 * t1;
      s2 += t2 * t2;
      s3 += t3 * t3;
    }
    for (; j < n; j++) {
      double t = a[j] - b[j];
      s0 += t * t;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** a · b. */
  static double dot(double[] a, double[] b) {
    double s0 = 0; // four partial sums, as in squaredDistance
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int n = a.length;
    int j = 0;
    for (; j + 3 < n; j += 4) {
      s0 += a[j] * b[j];
      s1 += a[j + 1] * b[j + 1];
      s2 += a[j + 2] * b[j + 2];
      s3 += a[j + 3] * b[j + 3];
    }
    for (; j < n; j++) {
      s0 += a[j] * b[j];
    }
    return (s0 + s1) + (s2 + s3);
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
