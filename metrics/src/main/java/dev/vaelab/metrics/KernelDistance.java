package dev.vaelab.metrics;

import java.util.SplittableRandom;

/**
 * The kernel distance (KID, Bińkowski et al. 2018): the unbiased estimator of the squared maximum mean discrepancy
 * with the cubic polynomial kernel k(x, y) = (xᵀy / d + 1)³, averaged over random subsets:
 *
 * <pre>
 *   MMD²_u(X, Y) = 1/(m(m−1)) Σ_{i≠j} k(x_i, x_j) + 1/(n(n−1)) Σ_{i≠j} k(y_i, y_j) − 2/(mn) Σ_{i,j} k(x_i, y_j)
 * </pre>
 *
 * Each of {@code subsets} estimates draws {@code subsetSize} vectors from each set without replacement (seeded; all
 * of a set when it is smaller); the result is their mean and standard deviation. The estimator is unbiased, so it can
 * be negative when the sets come from one distribution.
 *
 * @param mean the mean of the subset estimates
 * @param sd their standard deviation (n − 1 denominator; 0 for one subset)
 * @param subsets the number of subsets
 * @param subsetSize the vectors per set in each subset
 */
public record KernelDistance(double mean, double sd, int subsets, int subsetSize) {
  /** Subsets of the reference protocol. */
  public static final int DEFAULT_SUBSETS = 100;
  /** Vectors per subset of the reference protocol. */
  public static final int DEFAULT_SUBSET_SIZE = 1000;

  /** k(x, y) = (xᵀy / d + 1)³. */
  public static double kernel(double[] x, double[] y) {
    double t = Vectors.dot(x, y) / x.length + 1;
    return t * t * t;
  }

  /** MMD²_u of two whole sets (the double sums, as written). */
  public static double unbiasedMmd2(double[][] x, double[][] y) {
    Vectors.requireMatrix(x, "kernel distance, first set", 2);
    Vectors.requireMatrix(y, "kernel distance, second set", 2);
    Vectors.requireSameDimension(x, y, "kernel distance");
    return within(x) + within(y) - 2 * between(x, y);
  }

  /** 1/(m(m−1)) Σ_{i≠j} k(x_i, x_j), from the pairs i &lt; j. */
  static double within(double[][] x) {
    int m = x.length;
    double s = 0;
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        s += kernel(x[i], x[j]);
      }
    }
    return 2 * s / ((double) m * (m - 1));
  }

  private static double between(double[][] x, double[][] y) {
    double s = 0;
    for (double[] a : x) {
      for (double[] b : y) {
        s += kernel(a, b);
      }
    }
    return s / ((double) x.length * y.length);
  }

  /** The kernel distance over {@code subsets} random subsets of {@code subsetSize} vectors of each set. */
  public static KernelDistance of(double[][] x, double[][] y, int subsets, int subsetSize, long seed) {
    return reference(x, subsets, subsetSize, seed).against(y);
  }

  /**
   * The first set's side of the kernel distance, to compare several sets with one reference: its subsets (drawn with
   * {@code seed}) and their within-set sums are computed once. {@code of(x, y, …)} is {@code reference(x, …).against(y)}.
   */
  public static Reference reference(double[][] x, int subsets, int subsetSize, long seed) {
    Vectors.requireMatrix(x, "kernel distance, first set", 2);
    if (subsets < 1 || subsetSize < 2) {
      throw new IllegalArgumentException("kernel distance: need subsets >= 1 and a subset size >= 2, got " + subsets + " and " + subsetSize);
    }
    return new Reference(x, subsets, subsetSize, seed);
  }

  /** A reference set's subsets and within-set sums (see {@link #reference}); thread-safe. */
  public static final class Reference {
    private final double[][] x;
    private final int subsets;
    private final int subsetSize;
    private final long seed;
    private int size = -1;
    private double[][][] xs;
    private double[] withinX;

    private Reference(double[][] x, int subsets, int subsetSize, long seed) {
      this.x = x;
      this.subsets = subsets;
      this.subsetSize = subsetSize;
      this.seed = seed;
    }

    /** The subsets of size {@code k} and their within sums, drawn (with the reference's seed) on first use. */
    private synchronized double[] prepare(int k) {
      if (k != size) {
        SplittableRandom random = new SplittableRandom(seed);
        xs = new double[subsets][][];
        for (int s = 0; s < subsets; s++) { // drawn in order, so the subsets depend on the seed only
          xs[s] = sample(x, k, random);
        }
        withinX = new double[subsets];
        double[][][] subs = xs;
        java.util.stream.IntStream.range(0, subsets).parallel().forEach(s -> withinX[s] = within(subs[s]));
        size = k;
      }
      return withinX;
    }

    /** The kernel distance between the reference and {@code y}: the mean and sd of MMD²_u over the subsets. */
    public KernelDistance against(double[][] y) {
      Vectors.requireMatrix(y, "kernel distance, second set", 2);
      Vectors.requireSameDimension(x, y, "kernel distance");
      int k = Math.min(subsetSize, Math.min(x.length, y.length));
      double[] wx;
      double[][][] subsX;
      synchronized (this) {
        wx = prepare(k);
        subsX = xs;
      }
      SplittableRandom random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L); // the second set's draws: a stream of their own
      double[][][] ys = new double[subsets][][];
      for (int s = 0; s < subsets; s++) {
        ys[s] = sample(y, k, random);
      }
      double[] estimates = new double[subsets];
      java.util.stream.IntStream.range(0, subsets).parallel().forEach(s -> estimates[s] = wx[s] + within(ys[s]) - 2 * between(subsX[s], ys[s]));
      double mean = 0;
      for (double e : estimates) {
        mean += e;
      }
      mean /= subsets;
      double ss = 0;
      for (double e : estimates) {
        ss += (e - mean) * (e - mean);
      }
      return new KernelDistance(mean, subsets > 1 ? Math.sqrt(ss / (subsets - 1)) : 0, subsets, k);
    }
  }

  /** {@code k} rows drawn without replacement (a partial Fisher–Yates shuffle of the indices). */
  static double[][] sample(double[][] x, int k, SplittableRandom random) {
    int[] idx = new int[x.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    double[][] out = new double[k][];
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(idx.length - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
      out[i] = x[idx[i]];
    }
    return out;
  }
}
