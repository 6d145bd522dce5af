package dev.vaelab.metrics;

/**
 * Mutual information and entropy of discrete variables from their empirical joint distribution (natural logarithms,
 * nats), as scikit-learn's {@code mutual_info_score} computes them:
 *
 * <pre>
 *   I(A; B) = Σ_{a,b} p(a, b) ln( p(a, b) / (p(a) p(b)) ),   H(A) = I(A; A) = −Σ_a p(a) ln p(a),
 * </pre>
 *
 * with p the counts over n divided by n. Values are non-negative integers (category indices).
 */
public final class MutualInformation {
  private MutualInformation() {}

  /** I(A; B) of the paired observations {@code a[i]}, {@code b[i]}. */
  public static double of(int[] a, int[] b) {
    if (a.length != b.length || a.length == 0) {
      throw new IllegalArgumentException("mutual information: needs two equally long, non-empty sequences, got " + a.length + " and " + b.length);
    }
    int ka = max(a) + 1;
    int kb = max(b) + 1;
    long[][] joint = new long[ka][kb];
    long[] pa = new long[ka];
    long[] pb = new long[kb];
    for (int i = 0; i < a.length; i++) {
      joint[a[i]][b[i]]++;
      pa[a[i]]++;
      pb[b[i]]++;
    }
    double n = a.length;
    double mi = 0;
    for (int x = 0; x < ka; x++) {
      for (int y = 0; y < kb; y++) {
        if (joint[x][y] > 0) {
          mi += joint[x][y] / n * Math.log(joint[x][y] * n / ((double) pa[x] * pb[y]));
        }
      }
    }
    return Math.max(0, mi);
  }

  /** H(A) = −Σ p(a) ln p(a). */
  public static double entropy(int[] a) {
    if (a.length == 0) {
      throw new IllegalArgumentException("entropy: needs a non-empty sequence");
    }
    long[] c = new long[max(a) + 1];
    for (int v : a) {
      c[v]++;
    }
    double h = 0;
    for (long k : c) {
      if (k > 0) {
        double p = (double) k / a.length;
        h -= p * Math.log(p);
      }
    }
    return h;
  }

  private static int max(int[] a) {
    int m = 0;
    for (int v : a) {
      if (v < 0) {
        throw new IllegalArgumentException("mutual information: categories must be >= 0, got " + v);
      }
      m = Math.max(m, v);
    }
    return m;
  }

  /**
   * A continuous variable discretised into {@code bins} equal-width bins between its minimum and maximum (disentanglement_lib's
   * {@code _histogram_discretize}: numpy's histogram edges, the last bin closed): category 0..bins−1; a constant variable is all 0.
   */
  public static int[] histogram(double[] x, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("cannot discretise a non-finite value " + v);
      }
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    int[] out = new int[x.length];
    if (!(hi > lo)) {
      return out;
    }
    double width = (hi - lo) / bins;
    for (int i = 0; i < x.length; i++) {
      int b = (int) Math.floor((x[i] - lo) / width);
      out[i] = Math.min(bins - 1, Math.max(0, b));
    }
    return out;
  }
}
