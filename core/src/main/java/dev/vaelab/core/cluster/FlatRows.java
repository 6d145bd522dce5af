package dev.vaelab.core.cluster;

import java.util.stream.IntStream;

/**
 * The arithmetic k-means shares, on one flat row-major copy of the data (rows of length d): dot
 * products, squared distances, nearest-centre labels, per-cluster sums and centre moves. Parallel
 * loops run over blocks of {@link #BLOCK} rows and combine per-block results in block order, so
 * every result is the same on any number of cores.
 */
final class FlatRows {
  /** Rows per parallel block. */
  static final int BLOCK = 2048;

  private FlatRows() {}

  /** Number of blocks of n rows. */
  static int blocks(int n) {
    return (n + BLOCK - 1) / BLOCK;
  }

  /** Labels every row with its nearest centre; returns whether any label changed. */
  static boolean assign(double[] x, int n, int d, double[] c, int k, int[] label) {
    double[] half = new double[k]; // ½‖c‖², so that argmin ‖x − c‖² = argmax (x·c − ½‖c‖²)
    for (int m = 0; m < k; m++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += c[m * d + j] * c[m * d + j];
      }
      half[m] = 0.5 * s;
    }
    return IntStream.range(0, blocks(n)).parallel().map(b -> {
      int changed = 0;
      double[] score = new double[k];
      for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
        dots(x, i * d, c, k, d, score);
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < k; m++) {
          double sc = score[m] - half[m];
          if (sc > bestScore) {
            bestScore = sc;
            best = m;
          }
        }
        if (label[i] != best) {
          label[i] = best;
          changed = 1;
        }
      }
      return changed;
    }).sum() > 0;
  }
  /**
   * out[m] = Σ_j x[row + j] c[m·d + j] for m &lt; k: four centres at a time, each row value loaded
   * once for all four, two partial sums per centre (eight independent chains).
   */
  static void dots(double[] x, int row, double[] c, int k, int d, double[] out) {
    int m = 0;
    for (; m + 3 < k; m += 4) {
      int o0 = m * d;
      int o1 = o0 + d;
      int o2 = o1 + d;
      int o3 = o2 + d;
      double a0 = 0;
      double a1 = 0;
      double a2 = 0;
      double a3 = 0;
      double b0 = 0;
      double b1 = 0;
      double b2 = 0;
      double b3 = 0;
      int j = 0;
      for (; j + 1 < d; j += 2) {
        double u = x[row + j];
        double v = x[row + j + 1];
        a0 += u * c[o0 + j];
        a1 += u * c[o1 + j];
        a2 += u * c[o2 + j];
        a3 += u * c[o3 + j];
        b0 += v * c[o0 + j + 1];
        b1 += v * c[o1 + j + 1];
        b2 += v * c[o2 + j + 1];
        b3 += v * c[o3 + j + 1];
      }
      if (j < d) {
        double u = x[row + j];
        a0 += u * c[o0 + j];
        a1 += u * c[o1 + j];
        a2 += u * c[o2 + j];
        a3 += u * c[o3 + j];
      }
      out[m] = a0 + b0;
      out[m + 1] = a1 + b1;
      out[m + 2] = a2 + b2;
      out[m + 3] = a3 + b3;
    }
    for (; m < k; m++) {
      out[m] = dot(x, row, c, m * d, d);
    }
  }
  /** Σ_j a[i + j] b[o + j], with four partial sums. */
  static double dot(double[] a, int i, double[] b, int o, int d) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (; j + 3 < d; j += 4) {
      s0 += a[i + j] * b[o + j];
      s1 += a[i + j + 1] * b[o + j + 1];
      s2 += a[i + j + 2] * b[o + j + 2];
      s3 += a[i + j + 3] * b[o + j + 3];
    }
    for (; j < d; j++) {
      s0 += a[i + j] * b[o + j];
    }
    return (s0 + s1) + (s2 + s3);
  }
  static double sqDiff(double[] a, int i, double[] b, int o, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double t = a[i + j] - b[o + j];
      s += t * t;
    }
    return s;
  }
  /** (1/D) Σ_j Var(x_j), in two row-wise passes (column-wise loops stride through memory). */
  static double meanVariance(double[] x, int n, int d) {
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      int row = i * d;
      for (int j = 0; j < d; j++) {
        mean[j] += x[row + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[] var = new double[d];
    for (int i = 0; i < n; i++) {
      int row = i * d;
      for (int j = 0; j < d; j++) {
        double t = x[row + j] - mean[j];
        var[j] += t * t;
      }
    }
    double total = 0;
    for (int j = 0; j < d; j++) {
      total += var[j] / n;
    }
    return total / d;
  }
  /** Per-label sums and counts of the rows, per block, combined in block order (the same on any number of cores). */
  static void centreSums(double[] flat, int n, int d, int k, int[] label, double[] sum, int[] count) {
    int blocks = blocks(n);
    double[][] blockSum = new double[blocks][];
    int[][] blockCount = new int[blocks][];
    IntStream.range(0, blocks).parallel().forEach(b -> {
      double[] bs = new double[k * d];
      int[] bc = new int[k];
      for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
        int m = label[i];
        bc[m]++;
        int row = i * d;
        int at = m * d;
        for (int j = 0; j < d; j++) {
          bs[at + j] += flat[row + j];
        }
      }
      blockSum[b] = bs;
      blockCount[b] = bc;
    });
    for (int b = 0; b < blocks; b++) {
      for (int j = 0; j < sum.length; j++) {
        sum[j] += blockSum[b][j];
      }
      for (int m = 0; m < k; m++) {
        count[m] += blockCount[b][m];
      }
    }
  }
  /**
   * Moves every non-empty cluster's centre to its rows' mean (an empty one keeps its centre);
   * writes each centre's move ‖c' − c‖ into {@code delta} and returns Σ_m ‖c'_m − c_m‖².
   */
  static double moveCentres(double[] c, double[] sum, int[] count, int k, int d, double[] delta) {
    double shift = 0;
    for (int m = 0; m < k; m++) {
      if (count[m] > 0) {
        double moved = 0;
        for (int j = 0; j < d; j++) {
          double v = sum[m * d + j] / count[m];
          double t = v - c[m * d + j];
          moved += t * t;
          c[m * d + j] = v;
        }
        shift += moved;
        delta[m] = Math.sqrt(moved);
      }
    }
    return shift;
  }
  /** The final labels (nearest centre) and the centres as rows. */
  static KMeans.Clustering finish(double[] flat, int n, int d, double[] c, int k, int[] label) {
    assign(flat, n, d, c, k, label);
    double[][] centres = new double[k][d];
    for (int m = 0; m < k; m++) {
      System.arraycopy(c, m * d, centres[m], 0, d);
    }
    return new KMeans.Clustering(centres, label);
  }
  static double[] flatten(double[][] x) {
    int d = x[0].length;
    double[] out = new double[x.length * d];
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != d) {
        throw new IllegalArgumentException("row " + i + " has " + x[i].length + " values, row 0 has " + d);
      }
      System.arraycopy(x[i], 0, out, i * d, d);
    }
    return out;
  }
}
