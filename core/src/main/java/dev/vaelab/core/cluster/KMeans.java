package dev.vaelab.core.cluster;

import java.util.Random;

/**
 * k-means clustering: k-means++ seeding (Arthur and Vassilvitskii 2007) — the first centre uniformly,
 * each next one with probability ∝ its squared distance to the nearest centre so far — followed by
 * Lloyd's iterations (assign to the nearest centre, move each centre to its points' mean) until no
 * assignment changes. Plain Java, double precision. Starts EM (gmm-em) and the VQ codebook (vq-vae).
 */
public final class KMeans {
  /** Lloyd iterations at most. */
  public static final int MAX_ITERATIONS = 300;

  private KMeans() {}

  /** The clustering: centres (k × D) and the label of every point. */
  public record Clustering(double[][] centres, int[] labels) {}

  /** Hard labels of a k-means clustering of x. */
  public static int[] labels(double[][] x, int k, Random random) {
    return cluster(x, k, random, MAX_ITERATIONS).labels();
  }

  /**
   * Clusters the rows of x into k groups; an empty cluster keeps its centre.
   *
   * @param maxIterations Lloyd iterations at most
   */
  public static Clustering cluster(double[][] x, int k, Random random, int maxIterations) {
    if (k < 1 || k > x.length) {
      throw new IllegalArgumentException("k-means needs 1 <= k <= number of points " + x.length + ", got k = " + k);
    }
    double[][] c = seed(x, k, random);
    int n = x.length;
    int[] label = new int[n];
    for (int it = 0; it < maxIterations; it++) {
      boolean changed = assign(x, c, label) || it == 0;
      double[][] sum = new double[k][x[0].length];
      int[] count = new int[k];
      for (int i = 0; i < n; i++) {
        count[label[i]]++;
        for (int j = 0; j < x[i].length; j++) {
          sum[label[i]][j] += x[i][j];
        }
      }
      for (int m = 0; m < k; m++) {
        if (count[m] > 0) { // an empty cluster keeps its centre
          for (int j = 0; j < sum[m].length; j++) {
            c[m][j] = sum[m][j] / count[m];
          }
        }
      }
      if (!changed) {
        break;
      }
    }
    assign(x, c, label);
    return new Clustering(c, label);
  }

  /** k-means++: the first centre uniformly, each next one with probability ∝ squared distance. */
  public static double[][] seed(double[][] x, int k, Random random) {
    int n = x.length;
    double[][] c = new double[k][];
    c[0] = x[random.nextInt(n)].clone();
    double[] dist = new double[n];
    for (int i = 0; i < n; i++) {
      dist[i] = sq(x[i], c[0]);
    }
    for (int m = 1; m < k; m++) {
      double total = 0;
      for (double v : dist) {
        total += v;
      }
      int pick;
      if (total <= 0) {
        pick = random.nextInt(n); // every point coincides with a centre (fewer distinct points than K)
      } else {
        double u = random.nextDouble() * total;
        pick = n - 1;
        for (int i = 0; i < n; i++) {
          u -= dist[i];
          if (u < 0) {
            pick = i;
            break;
          }
        }
      }
      c[m] = x[pick].clone();
      for (int i = 0; i < n; i++) {
        dist[i] = Math.min(dist[i], sq(x[i], c[m]));
      }
    }
    return c;
  }

  private static boolean assign(double[][] x, double[][] c, int[] label) {
    boolean changed = false;
    for (int i = 0; i < x.length; i++) {
      int best = 0;
      double bd = Double.POSITIVE_INFINITY;
      for (int m = 0; m < c.length; m++) {
        double dd = sq(x[i], c[m]);
        if (dd < bd) {
          bd = dd;
          best = m;
        }
      }
      if (label[i] != best) {
        label[i] = best;
        changed = true;
      }
    }
    return changed;
  }

  private static double sq(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double t = a[j] - b[j];
      s += t * t;
    }
    return s;
  }
}
