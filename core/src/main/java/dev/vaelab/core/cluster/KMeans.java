package dev.vaelab.core.cluster;

import java.util.Random;

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
 *
 * <p>The seedings are in {@link KMeansPlusPlus}, the bounded iterations of {@link #labels} in
 * {@code HamerlyLloyd}, the shared arithmetic on flat rows in {@code FlatRows}.
 */
public final class KMeans {
  /** Lloyd iterations at most. */
  public static final int MAX_ITERATIONS = 300;
  /** The centre-shift tolerance of {@link #labels} (relative to the mean feature variance), as scikit-learn's. */
  public static final double TOLERANCE = 1e-4;

  private KMeans() {}

  /** k-means++ seeding (see {@link KMeansPlusPlus#plain}). */
  public static double[][] seed(double[][] x, int k, Random random) {
    return KMeansPlusPlus.plain(x, k, random);
  }

  /** The clustering: centres (k × D) and the label of every point. */
  public record Clustering(double[][] centres, int[] labels) {}

  /**
   * Hard labels of a k-means clustering of x as scikit-learn starts its Gaussian mixtures: greedy
   * k-means++ seeding ({@link KMeansPlusPlus#greedy}) and the centre-shift tolerance {@link #TOLERANCE}.
   */
  public static int[] labels(double[][] x, int k, Random random) {
    if (k < 1 || k > x.length) {
      throw new IllegalArgumentException("k-means needs 1 <= k <= number of points " + x.length + ", got k = " + k);
    }
    return greedyClustering(x, k, random, true).labels();
  }

  /** Greedy k-means++ then Lloyd with the tolerance stop, with or without Hamerly's bounds (the same clustering). */
  static Clustering greedyClustering(double[][] x, int k, Random random, boolean bounded) {
    double[][] start = KMeansPlusPlus.greedy(x, k, random);
    return bounded ? HamerlyLloyd.run(x, start, MAX_ITERATIONS, TOLERANCE) : lloyd(x, start, MAX_ITERATIONS, TOLERANCE);
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
    return lloyd(x, KMeansPlusPlus.plain(x, k, random), maxIterations, tolerance);
  }

  /** Lloyd's iterations from the given centres. */
  private static Clustering lloyd(double[][] x, double[][] start, int maxIterations, double tolerance) {
    int n = x.length;
    int d = x[0].length;
    int k = start.length;
    double[] flat = FlatRows.flatten(x);
    double[] c = FlatRows.flatten(start);
    double shiftBound = tolerance * FlatRows.meanVariance(flat, n, d);
    int[] label = new int[n];
    java.util.Arrays.fill(label, -1);
    for (int it = 0; it < maxIterations; it++) {
      boolean changed = FlatRows.assign(flat, n, d, c, k, label);
      double[] sum = new double[k * d];
      int[] count = new int[k];
      FlatRows.centreSums(flat, n, d, k, label, sum, count);
      double shift = FlatRows.moveCentres(c, sum, count, k, d, new double[k]);
      if (!changed || (tolerance > 0 && shift <= shiftBound)) {
        break;
      }
    }
    return FlatRows.finish(flat, n, d, c, k, label);
  }

}
