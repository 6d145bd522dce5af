package dev.vaelab.gaussian;

import dev.vaelab.core.math.LogSumExp;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The rate E_q[ln q(z|x) − ln p(z)] split into three terms (Chen et al. 2018, β-TCVAE), estimated on a
 * minibatch by minibatch-weighted sampling (MWS):
 *
 * <pre>
 *   index-code MI         I_q(z; n)  = E[ ln q(z|x_n) − ln q(z) ]
 *   total correlation     TC(z)      = E[ ln q(z) − Σ_d ln q(z_d) ]          = KL(q(z) ‖ Π_d q(z_d))
 *   dimension-wise KL     DWKL       = E[ Σ_d ln q(z_d) − ln p(z) ]          = Σ_d KL(q(z_d) ‖ p(z_d))
 *
 *   MWS, batch of M from a data set of N, z_i ~ q(z|x_i):
 *   ln q(z_i)   ≈ ln Σ_{j=1..M} q(z_i | x_j) − ln(N M)
 *   ln q(z_id)  ≈ ln Σ_{j=1..M} q(z_id | x_j) − ln(N M)
 * </pre>
 *
 * for a diagonal-Gaussian q(z|x) = N(μ(x), diag σ²(x)) and the prior p(z) = N(0, I). The three
 * per-example terms sum to ln q(z_i|x_i) − ln p(z_i), a one-sample estimate of the rate.
 *
 * <p>The published normaliser ln(N·M) makes every estimated ln q term about ln N too small (a batch
 * sum Σ_j q(z|x_j) is ≈ M q(z), not N M q(z)), so the estimates carry constant offsets — MI + ln N, TC +
 * (d − 1) ln N, DWKL − d ln N — that leave the gradients, and so β-TCVAE's training, unchanged but the
 * values unfit for reporting. Values to report come from {@link #overDataSet} (M = N, normaliser ln N).
 *
 * @param mutualInformation MI per example, {@code [M]}
 * @param totalCorrelation TC per example, {@code [M]}
 * @param dimensionWiseKl DWKL per example, {@code [M]}
 */
public record RateDecomposition(Operand<TFloat32> mutualInformation, Operand<TFloat32> totalCorrelation, Operand<TFloat32> dimensionWiseKl) {

  /**
   * The MWS terms of a batch.
   *
   * @param z one sample per example, {@code [M, d]}
   * @param mu μ(x_j), {@code [M, d]}
   * @param logVariance ln σ²(x_j), {@code [M, d]}
   * @param datasetSize N, a float scalar
   */
  public static RateDecomposition estimate(Ops tf, Operand<TFloat32> z, Operand<TFloat32> mu, Operand<TFloat32> logVariance,
      Operand<TFloat32> datasetSize) {
    Operand<TFloat32> halfLn2Pi = tf.constant((float) (0.5 * Math.log(2 * Math.PI)));
    // ln q(z_id | x_j) for every pair: [M(i), M(j), d]
    Operand<TFloat32> zi = tf.expandDims(z, tf.constant(1));
    Operand<TFloat32> muj = tf.expandDims(mu, tf.constant(0));
    Operand<TFloat32> lvj = tf.expandDims(logVariance, tf.constant(0));
    Operand<TFloat32> pair = logNormal(tf, zi, muj, lvj, halfLn2Pi);
    Operand<TFloat32> m = tf.dtypes.cast(tf.slice(tf.shape(z), tf.constant(new int[] {0}), tf.constant(new int[] {1})), TFloat32.class);
    Operand<TFloat32> lnNm = tf.math.log(tf.math.mul(tf.reshape(m, tf.constant(new int[0])), datasetSize));
    Operand<TFloat32> logQz = tf.math.sub(LogSumExp.logSumExp(tf, tf.reduceSum(pair, tf.constant(2)), 1), lnNm); // [M]
    Operand<TFloat32> logQzd = tf.reduceSum(tf.math.sub(LogSumExp.logSumExp(tf, pair, 1), lnNm), tf.constant(1)); // [M]
    Operand<TFloat32> logQzx = tf.reduceSum(logNormal(tf, z, mu, logVariance, halfLn2Pi), tf.constant(1)); // [M]
    Operand<TFloat32> logPz = tf.reduceSum(
        tf.math.neg(tf.math.add(halfLn2Pi, tf.math.mul(tf.constant(0.5f), tf.math.square(z)))), tf.constant(1));
    return new RateDecomposition(tf.math.sub(logQzx, logQz), tf.math.sub(logQz, logQzd), tf.math.sub(logQzd, logPz));
  }

  /** ln N(z; μ, σ²) elementwise = −½ ln 2π − ½ ln σ² − (z − μ)² / (2σ²). */
  private static Operand<TFloat32> logNormal(Ops tf, Operand<TFloat32> z, Operand<TFloat32> mu, Operand<TFloat32> logVariance,
      Operand<TFloat32> halfLn2Pi) {
    Operand<TFloat32> sq = tf.math.div(tf.math.squaredDifference(z, mu), tf.math.exp(logVariance));
    return tf.math.neg(tf.math.add(halfLn2Pi, tf.math.mul(tf.constant(0.5f), tf.math.add(logVariance, sq))));
  }

  /**
   * The decomposition over a whole (small) data set in plain Java, M = N: the aggregate posterior is
   * the mixture of all n posteriors, q(z) = (1/n) Σ_j q(z|x_j), and its marginals likewise — no
   * minibatch weighting, so no bias from M ≪ N. One sample z_i ~ q(z|x_i) per example.
   *
   * @return the means over the n examples of MI, TC and dimension-wise KL
   */
  public static double[] overDataSet(double[][] mu, double[][] logVariance, double[][] z) {
    int n = mu.length;
    int d = mu[0].length;
    double lnN = Math.log(n);
    double halfLn2Pi = 0.5 * Math.log(2 * Math.PI);
    double[] sum = new double[3];
    double[] joint = new double[n];
    double[][] perDim = new double[d][n];
    for (int i = 0; i < n; i++) {
      double logQzx = 0;
      double logPz = 0;
      for (int k = 0; k < d; k++) {
        logQzx += logNormal(z[i][k], mu[i][k], logVariance[i][k], halfLn2Pi);
        logPz += -halfLn2Pi - 0.5 * z[i][k] * z[i][k];
      }
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          double l = logNormal(z[i][k], mu[j][k], logVariance[j][k], halfLn2Pi);
          perDim[k][j] = l;
          s += l;
        }
        joint[j] = s;
      }
      double logQz = dev.vaelab.core.math.LogSumExp.logSumExp(joint) - lnN;
      double logQzd = 0;
      for (int k = 0; k < d; k++) {
        logQzd += dev.vaelab.core.math.LogSumExp.logSumExp(perDim[k]) - lnN;
      }
      sum[0] += logQzx - logQz;
      sum[1] += logQz - logQzd;
      sum[2] += logQzd - logPz;
    }
    return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
  }

  private static double logNormal(double z, double mu, double logVariance, double halfLn2Pi) {
    double diff = z - mu;
    return -halfLn2Pi - 0.5 * (logVariance + diff * diff / Math.exp(logVariance));
  }
}
