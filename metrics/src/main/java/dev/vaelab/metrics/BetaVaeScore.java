package dev.vaelab.metrics;

import java.util.SplittableRandom;

/**
 * The β-VAE score (Higgins et al. 2017), following disentanglement_lib's protocol: an example is a factor k drawn at
 * random and {@code batch} pairs of observations (y₁, y₂) that share the value of v_k (all else random); its feature is
 * the mean absolute difference of their codes, (1/L) Σ_l |z(y₁ˡ) − z(y₂ˡ)|. A linear classifier ({@link LinearProbe}:
 * multinomial logistic regression, where disentanglement_lib uses scikit-learn's) learns k from the feature on {@code
 * train} examples; the score is its accuracy on {@code eval} further examples. The code that carries k alone differs
 * least when k is shared, so a disentangled code scores near 1.
 *
 * @param score the accuracy on the evaluation examples
 */
public record BetaVaeScore(double score) {
  /** Pairs per example. */
  public static final int BATCH = 64;
  /** Training examples. */
  public static final int TRAIN = 10_000;
  /** Evaluation examples. */
  public static final int EVAL = 5_000;

  public static BetaVaeScore of(FactorRepresentation rep, int train, int eval, int batch, long seed) {
    if (batch < 1 || train < 2 || eval < 1) {
      throw new IllegalArgumentException("β-VAE score: needs batch >= 1, >= 2 training and >= 1 evaluation examples, got " + batch + ", " + train
          + ", " + eval);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] yTrain = new int[train];
    double[][] xTrain = examples(rep, train, batch, random, yTrain);
    int[] yEval = new int[eval];
    double[][] xEval = examples(rep, eval, batch, random, yEval);
    return new BetaVaeScore(LinearProbe.of(xTrain, yTrain, xEval, yEval, LinearProbe.DEFAULT_EPOCHS, seed).accuracy());
  }

  private static double[][] examples(FactorRepresentation rep, int n, int batch, SplittableRandom random, int[] labels) {
    int k = rep.factorSizes().length;
    double[][] out = new double[n][];
    int chunk = Math.max(1, 2048 / batch);
    for (int from = 0; from < n; from += chunk) {
      int m = Math.min(chunk, n - from);
      int[][] factors = new int[2 * m * batch][];
      for (int e = 0; e < m; e++) {
        labels[from + e] = random.nextInt(k);
        int[][] a = rep.sample(batch, random);
        int[][] b = rep.sample(batch, random);
        for (int l = 0; l < batch; l++) {
          b[l][labels[from + e]] = a[l][labels[from + e]];
          factors[(e * batch + l) * 2] = a[l];
          factors[(e * batch + l) * 2 + 1] = b[l];
        }
      }
      double[][] codes = rep.codes(factors);
      int d = codes[0].length;
      for (int e = 0; e < m; e++) {
        double[] f = new double[d];
        for (int l = 0; l < batch; l++) {
          double[] za = codes[(e * batch + l) * 2];
          double[] zb = codes[(e * batch + l) * 2 + 1];
          for (int i = 0; i < d; i++) {
            f[i] += Math.abs(za[i] - zb[i]) / batch;
          }
        }
        out[from + e] = f;
      }
    }
    return out;
  }
}
