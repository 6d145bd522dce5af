package dev.vaelab.core.eval;

/**
 * Active units (Burda, Grosse and Salakhutdinov 2015): latent dimension i is active when
 * A_i = Cov_y(E_{q(z|y)}[z_i]) &gt; 0.01, i.e. the posterior mean of z_i varies across the data.
 * Accumulates the population variance of the posterior means over batches, in double precision.
 */
public final class ActiveUnits {
  /** The activity threshold of Burda et al. */
  public static final double THRESHOLD = 0.01;

  private final int d;
  private final double[] sum;
  private final double[] sumSq;
  private final double[] shift;
  private long n;

  /** @param latentSize d */
  public ActiveUnits(int latentSize) {
    this.d = latentSize;
    this.sum = new double[d];
    this.sumSq = new double[d];
    this.shift = new double[d];
  }

  /** Adds {@code rows} posterior means (rows × d values). */
  public void add(float[] means, int rows) {
    for (int r = 0; r < rows; r++) {
      if (n == 0 && r == 0) {
        for (int i = 0; i < d; i++) {
          shift[i] = means[i]; // shifted sums keep the variance accurate when |mean| >> spread
        }
      }
      for (int i = 0; i < d; i++) {
        double v = means[r * d + i] - shift[i];
        sum[i] += v;
        sumSq[i] += v * v;
      }
    }
    n += rows;
  }

  /** Var_y(E_q[z_i|y]) per dimension (population variance, divisor n). */
  public double[] variances() {
    double[] v = new double[d];
    for (int i = 0; i < d; i++) {
      double m = sum[i] / n;
      v[i] = Math.max(0, sumSq[i] / n - m * m);
    }
    return v;
  }

  /** Number of dimensions whose variance exceeds {@link #THRESHOLD}. */
  public int count() {
    int c = 0;
    for (double v : variances()) {
      if (v > THRESHOLD) {
        c++;
      }
    }
    return c;
  }
}
