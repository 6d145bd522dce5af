package dev.vaelab.metrics;

/**
 * The separated attribute predictability (Kumar et al. 2018) for discrete factors, following disentanglement_lib: a
 * score S_ik for every code i and factor k — the test accuracy of a linear classifier of v_k trained on the one code z_i
 * (here multinomial logistic regression, {@link LinearProbe}, where disentanglement_lib uses a linear SVM with C = 0.01) —
 * and the mean over factors of the gap between the two best codes:
 *
 * <pre>
 *   SAP = (1/K) Σ_k ( S_{(1)k} − S_{(2)k} )      (S_{(1)k} ≥ S_{(2)k} the two largest scores of factor k)
 * </pre>
 *
 * @param score SAP
 * @param scores S_ik, codes × factors
 */
public record Sap(double score, double[][] scores) {
  /** Training points of the protocol. */
  public static final int TRAIN = 10_000;
  /** Test points of the protocol. */
  public static final int TEST = 5_000;

  public static Sap of(double[][] trainCodes, int[][] trainFactors, double[][] testCodes, int[][] testFactors, long seed) {
    Vectors.requireMatrix(trainCodes, "SAP, training codes", 2);
    Vectors.requireMatrix(testCodes, "SAP, test codes", 1);
    int d = trainCodes[0].length;
    if (d < 2) {
      throw new IllegalArgumentException("SAP: the gap between the two best codes needs at least 2 codes, got " + d);
    }
    int k = trainFactors[0].length;
    double[][] s = new double[d][k];
    for (int i = 0; i < d; i++) {
      double[][] tr = columnAsRows(trainCodes, i);
      double[][] te = columnAsRows(testCodes, i);
      for (int j = 0; j < k; j++) {
        s[i][j] = LinearProbe.of(tr, Disentanglement.column(trainFactors, j), te, Disentanglement.column(testFactors, j), LinearProbe.DEFAULT_EPOCHS,
            seed).accuracy();
      }
    }
    double sum = 0;
    for (int j = 0; j < k; j++) {
      double first = Double.NEGATIVE_INFINITY;
      double second = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < d; i++) {
        if (s[i][j] > first) {
          second = first;
          first = s[i][j];
        } else if (s[i][j] > second) {
          second = s[i][j];
        }
      }
      sum += first - second;
    }
    return new Sap(sum / k, s);
  }

  private static double[][] columnAsRows(double[][] x, int i) {
    double[][] out = new double[x.length][1];
    for (int r = 0; r < x.length; r++) {
      out[r][0] = x[r][i];
    }
    return out;
  }
}
