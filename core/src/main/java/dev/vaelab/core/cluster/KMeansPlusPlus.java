package dev.vaelab.core.cluster;

import java.util.Random;
import java.util.stream.IntStream;

/** The two k-means++ seedings of {@link KMeans}: plain (Arthur and Vassilvitskii 2007) and greedy (scikit-learn's default). */
public final class KMeansPlusPlus {
  private KMeansPlusPlus() {}

  /** k-means++: the first centre uniformly, each next one with probability ∝ squared distance. */
  public static double[][] plain(double[][] x, int k, Random random) {
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
      double[] cm = c[m];
      IntStream.range(0, FlatRows.blocks(n)).parallel().forEach(b -> {
        for (int i = b * FlatRows.BLOCK, end = Math.min(n, i + FlatRows.BLOCK); i < end; i++) {
          dist[i] = Math.min(dist[i], sq(x[i], cm));
        }
      });
    }
    return c;
  }
  /**
   * Greedy k-means++ (as scikit-learn's default): each next centre is the best of 2 + ⌊ln k⌋
   * candidates drawn with probability ∝ squared distance to the nearest centre so far — the one
   * that leaves the smallest total squared distance Σ_i min_m ‖x_i − c_m‖².
   */
  public static double[][] greedy(double[][] x, int k, Random random) {
    int n = x.length;
    int d = x[0].length;
    int trials = 2 + (int) Math.log(k);
    double[] flat = FlatRows.flatten(x);
    double[] norms = new double[n]; // ‖x_i‖², so that ‖x − c‖² = ‖x‖² − 2 x·c + ‖c‖²
    for (int i = 0; i < n; i++) {
      norms[i] = FlatRows.dot(flat, i * d, flat, i * d, d);
    }
    double[][] c = new double[k][];
    int first = random.nextInt(n);
    c[0] = x[first].clone();
    double[] dist = new double[n];
    distances(flat, norms, n, d, new int[] {first}, new double[][] {dist});
    int blocks = FlatRows.blocks(n);
    for (int m = 1; m < k; m++) {
      double total = 0;
      for (double v : dist) {
        total += v;
      }
      int[] picks = new int[trials];
      for (int t = 0; t < trials; t++) {
        picks[t] = total <= 0 ? random.nextInt(n) : sampleProportional(dist, random.nextDouble() * total);
      }
      double[][] cand = new double[trials][n];
      distances(flat, norms, n, d, picks, cand);
      int best = 0;
      double bestPotential = Double.POSITIVE_INFINITY;
      for (int t = 0; t < trials; t++) {
        double[] ct = cand[t];
        double[] partial = new double[blocks]; // summed in block order: the same on any number of cores
        IntStream.range(0, blocks).parallel().forEach(b -> {
          double s = 0;
          for (int i = b * FlatRows.BLOCK, end = Math.min(n, i + FlatRows.BLOCK); i < end; i++) {
            ct[i] = Math.min(dist[i], ct[i]);
            s += ct[i];
          }
          partial[b] = s;
        });
        double potential = 0;
        for (double p : partial) {
          potential += p;
        }
        if (potential < bestPotential) {
          bestPotential = potential;
          best = t;
        }
      }
      c[m] = x[picks[best]].clone();
      System.arraycopy(cand[best], 0, dist, 0, n);
    }
    return c;
  }
  /** out[t][i] = ‖x_i − x_{picks[t]}‖² (clamped at 0) for every row, one pass over the data for all picks. */
  private static void distances(double[] x, double[] norms, int n, int d, int[] picks, double[][] out) {
    IntStream.range(0, FlatRows.blocks(n)).parallel().forEach(b -> {
      for (int i = b * FlatRows.BLOCK, end = Math.min(n, i + FlatRows.BLOCK); i < end; i++) {
        for (int t = 0; t < picks.length; t++) {
          int p = picks[t];
          out[t][i] = Math.max(0, norms[i] - 2 * FlatRows.dot(x, i * d, x, p * d, d) + norms[p]);
        }
      }
    });
  }
  /** The first index i at which the running sum of w exceeds u (the last index if none does). */
  private static int sampleProportional(double[] w, double u) {
    for (int i = 0; i < w.length; i++) {
      u -= w[i];
      if (u < 0) {
        return i;
      }
    }
    return w.length - 1;
  }
  private static double sq(double[] a, double[] b) {
    return FlatRows.sqDiff(a, 0, b, 0, a.length);
  }
}
