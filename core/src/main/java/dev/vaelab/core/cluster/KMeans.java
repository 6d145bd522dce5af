package dev.vaelab.core.cluster;

import java.util.Random;
import java.util.stream.IntStream;

/**
 * k-means clustering: k-means++ seeding (Arthur and Vassilvitskii 2007) — the first centre uniformly,
 * each next one with probability ∝ its squared distance to the nearest centre so far — followed by
 * Lloyd's iterations (assign to the nearest centre, move each centre to its points' mean) until no
 * assignment changes, or — with a tolerance τ &gt; 0 — until the centres move by at most
 *
 * <pre>
 *   Σ_m ‖c_m' − c_m‖² ≤ τ · (1/D) Σ_j Var(x_j)      (scikit-learn's rule; {@link #TOLERANCE} = 1e-4)
 * </pre>
 *
 * Plain Java in double precision over one flat row-major copy of the data; the assignment step
 * uses ‖x − c‖² = ‖x‖² − 2 x·c + ‖c‖² (‖x‖² is the same for every centre and dropped) and runs
 * over blocks of rows in parallel, each row's label independent of the others, so the result does
 * not depend on the number of threads. Starts EM (gmm-em) and the VQ codebook (vq-vae).
 */
public final class KMeans {
  /** Lloyd iterations at most. */
  public static final int MAX_ITERATIONS = 300;
  /** The centre-shift tolerance of {@link #labels} (relative to the mean feature variance), as scikit-learn's. */
  public static final double TOLERANCE = 1e-4;
  private static final int BLOCK = 2048;

  private KMeans() {}

  /** The clustering: centres (k × D) and the label of every point. */
  public record Clustering(double[][] centres, int[] labels) {}

  /**
   * Hard labels of a k-means clustering of x as scikit-learn starts its Gaussian mixtures: greedy
   * k-means++ seeding ({@link #seedGreedy}) and the centre-shift tolerance {@link #TOLERANCE}.
   */
  public static int[] labels(double[][] x, int k, Random random) {
    if (k < 1 || k > x.length) {
      throw new IllegalArgumentException("k-means needs 1 <= k <= number of points " + x.length + ", got k = " + k);
    }
    return greedyClustering(x, k, random, true).labels();
  }

  /** Greedy k-means++ then Lloyd with the tolerance stop, with or without Hamerly's bounds (the same clustering). */
  static Clustering greedyClustering(double[][] x, int k, Random random, boolean bounded) {
    double[][] start = seedGreedy(x, k, random);
    return bounded ? lloydBounded(x, start, MAX_ITERATIONS, TOLERANCE) : lloyd(x, start, MAX_ITERATIONS, TOLERANCE);
  }

  /**
   * Clusters the rows of x into k groups, iterating until no assignment changes; an empty cluster
   * keeps its centre.
   *
   * @param maxIterations Lloyd iterations at most
   */
  public static Clustering cluster(double[][] x, int k, Random random, int maxIterations) {
    return cluster(x, k, random, maxIterations, 0);
  }

  /**
   * As {@link #cluster(double[][], int, Random, int)}, also stopping once the centres move by at
   * most {@code tolerance} times the mean feature variance (0: only when no assignment changes).
   */
  public static Clustering cluster(double[][] x, int k, Random random, int maxIterations, double tolerance) {
    if (k < 1 || k > x.length) {
      throw new IllegalArgumentException("k-means needs 1 <= k <= number of points " + x.length + ", got k = " + k);
    }
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("k-means tolerance must be >= 0, got " + tolerance);
    }
    return lloyd(x, seed(x, k, random), maxIterations, tolerance);
  }

  /**
   * Lloyd's iterations with Hamerly's (2010) bounds, which skip the distances of most points once
   * the clustering settles: u_i ≥ ‖x_i − c_a(i)‖ and l_i ≤ the distance to the second-nearest
   * centre; after the centres move by δ_m, u_i += δ_a(i) and l_i −= max_m δ_m, and point i needs no
   * distance while u_i ≤ max(l_i, ½ min_{m' ≠ a(i)} ‖c_a(i) − c_m'‖). The centre sums are updated
   * by the rows that changed label only. The assignments are those of {@link #lloyd} (up to
   * rounding in near-ties); the stopping rules are the same.
   */
  private static Clustering lloydBounded(double[][] x, double[][] start, int maxIterations, double tolerance) {
    int n = x.length;
    int d = x[0].length;
    int k = start.length;
    double[] flat = flatten(x);
    double[] c = flatten(start);
    double shiftBound = tolerance * meanVariance(flat, n, d);
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      norms[i] = dot(flat, i * d, flat, i * d, d);
    }
    int[] label = new int[n];
    double[] upper = new double[n];
    double[] lower = new double[n];
    double[] half = new double[k]; // ½ distance from each centre to its nearest other centre
    double[] cn = new double[k]; // ‖c_m‖²
    int blocks = (n + BLOCK - 1) / BLOCK;
    int[][] moves = new int[blocks][]; // per block: pairs (row, previous label) of the rows that changed
    int[] moveCount = new int[blocks];
    double[] sum = new double[k * d];
    int[] count = new int[k];
    for (int it = 0; it < maxIterations; it++) {
      for (int m = 0; m < k; m++) {
        cn[m] = dot(c, m * d, c, m * d, d);
      }
      for (int m = 0; m < k; m++) {
        double nearest = Double.POSITIVE_INFINITY;
        for (int o = 0; o < k; o++) {
          if (o != m) {
            nearest = Math.min(nearest, sqDiff(c, m * d, c, o * d, d));
          }
        }
        half[m] = 0.5 * Math.sqrt(nearest);
      }
      boolean first = it == 0;
      boolean changed = IntStream.range(0, blocks).parallel().map(b -> {
        int ch = 0;
        moveCount[b] = 0;
        double[] score = new double[k];
        for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
          if (!first) {
            double z = Math.max(lower[i], half[label[i]]);
            if (upper[i] <= z) {
              continue;
            }
            upper[i] = Math.sqrt(sqDiff(flat, i * d, c, label[i] * d, d));
            if (upper[i] <= z) {
              continue;
            }
          }
          dots(flat, i * d, c, k, d, score);
          int best = 0;
          double bd = Double.POSITIVE_INFINITY;
          double second = Double.POSITIVE_INFINITY;
          for (int m = 0; m < k; m++) {
            double dist = Math.max(0, norms[i] - 2 * score[m] + cn[m]);
            if (dist < bd) {
              second = bd;
              bd = dist;
              best = m;
            } else if (dist < second) {
              second = dist;
            }
          }
          if (first || label[i] != best) {
            ch = 1;
            if (!first) {
              if (moves[b] == null || moves[b].length < 2 * moveCount[b] + 2) {
                moves[b] = java.util.Arrays.copyOf(moves[b] == null ? new int[0] : moves[b], 2 * moveCount[b] + 64);
              }
              moves[b][2 * moveCount[b]] = i;
              moves[b][2 * moveCount[b] + 1] = label[i];
              moveCount[b]++;
            }
          }
          label[i] = best;
          upper[i] = Math.sqrt(bd);
          lower[i] = Math.sqrt(second);
        }
        return ch;
      }).sum() > 0;
      if (first) {
        centreSums(flat, n, d, k, label, sum, count);
      } else { // only the rows that changed label move between the sums, in block order
        for (int b = 0; b < blocks; b++) {
          for (int q = 0; q < moveCount[b]; q++) {
            int i = moves[b][2 * q];
            int from = moves[b][2 * q + 1];
            int to = label[i];
            count[from]--;
            count[to]++;
            for (int j = 0; j < d; j++) {
              sum[from * d + j] -= flat[i * d + j];
              sum[to * d + j] += flat[i * d + j];
            }
          }
        }
      }
      double[] delta = new double[k];
      double shift = moveCentres(c, sum, count, k, d, delta);
      double maxDelta = 0;
      for (double v : delta) {
        maxDelta = Math.max(maxDelta, v);
      }
      if (!changed || (tolerance > 0 && shift <= shiftBound)) {
        break;
      }
      double md = maxDelta;
      IntStream.range(0, blocks).parallel().forEach(b -> {
        for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
          upper[i] += delta[label[i]];
          lower[i] -= md;
        }
      });
    }
    return finish(flat, n, d, c, k, label);
  }

  /**
   * Moves every non-empty cluster's centre to its rows' mean (an empty one keeps its centre);
   * writes each centre's move ‖c' − c‖ into {@code delta} and returns Σ_m ‖c'_m − c_m‖².
   */
  private static double moveCentres(double[] c, double[] sum, int[] count, int k, int d, double[] delta) {
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
  private static Clustering finish(double[] flat, int n, int d, double[] c, int k, int[] label) {
    assign(flat, n, d, c, k, label);
    double[][] centres = new double[k][d];
    for (int m = 0; m < k; m++) {
      System.arraycopy(c, m * d, centres[m], 0, d);
    }
    return new Clustering(centres, label);
  }

  /** Per-label sums and counts of the rows, per block, combined in block order (the same on any number of cores). */
  private static void centreSums(double[] flat, int n, int d, int k, int[] label, double[] sum, int[] count) {
    int blocks = (n + BLOCK - 1) / BLOCK;
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

  private static double sqDiff(double[] a, int i, double[] b, int o, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double t = a[i + j] - b[o + j];
      s += t * t;
    }
    return s;
  }

  /** Lloyd's iterations from the given centres. */
  private static Clustering lloyd(double[][] x, double[][] start, int maxIterations, double tolerance) {
    int n = x.length;
    int d = x[0].length;
    int k = start.length;
    double[] flat = flatten(x);
    double[] c = flatten(start);
    double shiftBound = tolerance * meanVariance(flat, n, d);
    int[] label = new int[n];
    java.util.Arrays.fill(label, -1);
    for (int it = 0; it < maxIterations; it++) {
      boolean changed = assign(flat, n, d, c, k, label);
      double[] sum = new double[k * d];
      int[] count = new int[k];
      centreSums(flat, n, d, k, label, sum, count);
      double shift = moveCentres(c, sum, count, k, d, new double[k]);
      if (!changed || (tolerance > 0 && shift <= shiftBound)) {
        break;
      }
    }
    return finish(flat, n, d, c, k, label);
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
      double[] cm = c[m];
      IntStream.range(0, (n + BLOCK - 1) / BLOCK).parallel().forEach(b -> {
        for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
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
  public static double[][] seedGreedy(double[][] x, int k, Random random) {
    int n = x.length;
    int d = x[0].length;
    int trials = 2 + (int) Math.log(k);
    double[] flat = flatten(x);
    double[] norms = new double[n]; // ‖x_i‖², so that ‖x − c‖² = ‖x‖² − 2 x·c + ‖c‖²
    for (int i = 0; i < n; i++) {
      norms[i] = dot(flat, i * d, flat, i * d, d);
    }
    double[][] c = new double[k][];
    int first = random.nextInt(n);
    c[0] = x[first].clone();
    double[] dist = new double[n];
    distances(flat, norms, n, d, new int[] {first}, new double[][] {dist});
    int blocks = (n + BLOCK - 1) / BLOCK;
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
          for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
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
    IntStream.range(0, (n + BLOCK - 1) / BLOCK).parallel().forEach(b -> {
      for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
        for (int t = 0; t < picks.length; t++) {
          int p = picks[t];
          out[t][i] = Math.max(0, norms[i] - 2 * dot(x, i * d, x, p * d, d) + norms[p]);
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

  /** Labels every row with its nearest centre; returns whether any label changed. */
  private static boolean assign(double[] x, int n, int d, double[] c, int k, int[] label) {
    double[] half = new double[k]; // ½‖c‖², so that argmin ‖x − c‖² = argmax (x·c − ½‖c‖²)
    for (int m = 0; m < k; m++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += c[m * d + j] * c[m * d + j];
      }
      half[m] = 0.5 * s;
    }
    return IntStream.range(0, (n + BLOCK - 1) / BLOCK).parallel().map(b -> {
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
  private static double dot(double[] a, int i, double[] b, int o, int d) {
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

  /** (1/D) Σ_j Var(x_j), in two row-wise passes (column-wise loops stride through memory). */
  private static double meanVariance(double[] x, int n, int d) {
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

  private static double[] flatten(double[][] x) {
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

  private static double sq(double[] a, double[] b) {
    return sqDiff(a, 0, b, 0, a.length);
  }
}
