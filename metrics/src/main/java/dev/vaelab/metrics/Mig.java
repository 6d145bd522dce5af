package dev.vaelab.metrics;

/**
 * The mutual information gap (Chen et al. 2018), as disentanglement_lib computes it: each code discretised into 20
 * equal-width bins ({@link MutualInformation#histogram}), the mutual information I(z_i; v_k) of every code i and factor k,
 * and for each factor the gap between its two most informative codes over its entropy:
 *
 * <pre>
 *   MIG = (1/K) Σ_k ( I(z_{i*}; v_k) − max_{i ≠ i*} I(z_i; v_k) ) / H(v_k),   i* = argmax_i I(z_i; v_k)
 * </pre>
 *
 * 1 when each factor is captured by one code alone and losslessly; near 0 when no code stands out. A factor with a
 * single value (H = 0) is left out of the mean.
 *
 * @param score MIG
 * @param perFactor each factor's normalised gap (NaN for a constant factor)
 * @param mutualInformation I(z_i; v_k), codes × factors, nats
 */
public record Mig(double score, double[] perFactor, double[][] mutualInformation) {
  /** Bins per code (disentanglement_lib's default). */
  public static final int BINS = 20;
  /** Points of the protocol. */
  public static final int POINTS = 10_000;

  /** MIG of {@code codes} (rows: observations) against their factor values {@code factors}. */
  public static Mig of(double[][] codes, int[][] factors, int bins) {
    Vectors.requireMatrix(codes, "MIG, codes", 2);
    if (factors.length != codes.length) {
      throw new IllegalArgumentException("MIG: " + codes.length + " code rows but " + factors.length + " factor rows");
    }
    int d = codes[0].length;
    if (d < 2) {
      throw new IllegalArgumentException("MIG: the gap between the two most informative codes needs at least 2 codes, got " + d);
    }
    int k = factors[0].length;
    int[][] z = new int[d][];
    for (int i = 0; i < d; i++) {
      z[i] = MutualInformation.histogram(Disentanglement.column(codes, i), bins);
    }
    double[][] mi = new double[d][k];
    double[] gaps = new double[k];
    double sum = 0;
    int counted = 0;
    for (int j = 0; j < k; j++) {
      int[] v = Disentanglement.column(factors, j);
      double h = MutualInformation.entropy(v);
      double first = Double.NEGATIVE_INFINITY;
      double second = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < d; i++) {
        mi[i][j] = MutualInformation.of(z[i], v);
        if (mi[i][j] > first) {
          second = first;
          first = mi[i][j];
        } else if (mi[i][j] > second) {
          second = mi[i][j];
        }
      }
      if (h > 0) {
        gaps[j] = (first - second) / h;
        sum += gaps[j];
        counted++;
      } else {
        gaps[j] = Double.NaN;
      }
    }
    return new Mig(counted > 0 ? sum / counted : Double.NaN, gaps, mi);
  }
}
