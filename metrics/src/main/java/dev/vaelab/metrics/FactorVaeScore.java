package dev.vaelab.metrics;

import java.util.SplittableRandom;

/**
 * The FactorVAE score (Kim &amp; Mnih 2018), following disentanglement_lib's protocol. Each code's spread over the data,
 * s_i = sd(z_i) on {@code variancePoints} random observations; codes with s_i below 0.05 are collapsed and left out. A
 * vote: pick a factor k at random, draw {@code batch} observations sharing one value of v_k (the others random), and
 * take the code whose variance relative to its global variance is smallest, argmin_i Var_batch(z_i) / s_i² — that code
 * votes for k. A majority-vote classifier maps each code to the factor it votes for most often (on {@code train}
 * votes); the score is its accuracy on {@code eval} further votes. 1 when every factor is carried by a code of its own.
 * (Where disentanglement_lib indexes its vote table by the position among the active codes, here the code's own index
 * is used.)
 *
 * @param score the accuracy on the evaluation votes
 * @param trainAccuracy the accuracy on the training votes
 * @param activeCodes codes left after the collapsed ones are dropped
 */
public record FactorVaeScore(double score, double trainAccuracy, int activeCodes) {
  /** Observations per vote. */
  public static final int BATCH = 64;
  /** Training votes. */
  public static final int TRAIN = 10_000;
  /** Evaluation votes. */
  public static final int EVAL = 5_000;
  /** Observations of the global variance. */
  public static final int VARIANCE_POINTS = 10_000;
  /** Codes with a spread below this are collapsed. */
  public static final double PRUNE = 0.05;

  public static FactorVaeScore of(FactorRepresentation rep, int train, int eval, int batch, int variancePoints, long seed) {
    if (batch < 2 || train < 1 || eval < 1 || variancePoints < 2) {
      throw new IllegalArgumentException("FactorVAE score: needs batch >= 2, votes >= 1 and >= 2 variance points, got " + batch + ", " + train + ", "
          + eval + ", " + variancePoints);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[][] global = rep.codes(rep.sample(variancePoints, random));
    int d = global[0].length;
    double[] var = new double[d];
    boolean[] active = new boolean[d];
    int nActive = 0;
    for (int i = 0; i < d; i++) {
      var[i] = Disentanglement.variance(global, i);
      active[i] = Math.sqrt(var[i]) >= PRUNE;
      nActive += active[i] ? 1 : 0;
    }
    if (nActive == 0) {
      return new FactorVaeScore(0, 0, 0);
    }
    int k = rep.factorSizes().length;
    long[][] votes = votes(rep, train, batch, var, active, random);
    int[] classifier = new int[d];
    for (int i = 0; i < d; i++) {
      int best = 0;
      for (int j = 1; j < k; j++) {
        if (votes[i][j] > votes[i][best]) {
          best = j;
        }
      }
      classifier[i] = best;
    }
    long[][] evalVotes = votes(rep, eval, batch, var, active, random);
    return new FactorVaeScore(accuracy(evalVotes, classifier), accuracy(votes, classifier), nActive);
  }

  /** The votes table [code][factor] of {@code n} votes. */
  private static long[][] votes(FactorRepresentation rep, int n, int batch, double[] var, boolean[] active, SplittableRandom random) {
    int[] sizes = rep.factorSizes();
    long[][] out = new long[var.length][sizes.length];
    int chunk = Math.max(1, 4096 / batch); // votes encoded together
    for (int from = 0; from < n; from += chunk) {
      int m = Math.min(chunk, n - from);
      int[] fixed = new int[m];
      int[][] factors = new int[m * batch][];
      for (int v = 0; v < m; v++) {
        fixed[v] = random.nextInt(sizes.length);
        int[][] b = rep.sample(batch, random);
        for (int r = 0; r < batch; r++) {
          b[r][fixed[v]] = b[0][fixed[v]];
          factors[v * batch + r] = b[r];
        }
      }
      double[][] codes = rep.codes(factors);
      for (int v = 0; v < m; v++) {
        int best = -1;
        double bestRatio = Double.POSITIVE_INFINITY;
        for (int i = 0; i < var.length; i++) {
          if (!active[i]) {
            continue;
          }
          double mean = 0;
          for (int r = 0; r < batch; r++) {
            mean += codes[v * batch + r][i];
          }
          mean /= batch;
          double ss = 0;
          for (int r = 0; r < batch; r++) {
            double t = codes[v * batch + r][i] - mean;
            ss += t * t;
          }
          double ratio = ss / (batch - 1) / var[i];
          if (ratio < bestRatio) {
            bestRatio = ratio;
            best = i;
          }
        }
        out[best][fixed[v]]++;
      }
    }
    return out;
  }

  private static double accuracy(long[][] votes, int[] classifier) {
    long right = 0;
    long all = 0;
    for (int i = 0; i < votes.length; i++) {
      for (int j = 0; j < votes[i].length; j++) {
        all += votes[i][j];
        right += j == classifier[i] ? votes[i][j] : 0;
      }
    }
    return all > 0 ? (double) right / all : 0;
  }
}
