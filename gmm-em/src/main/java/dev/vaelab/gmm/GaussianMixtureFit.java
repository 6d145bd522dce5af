package dev.vaelab.gmm;

import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Random;

/**
 * A fitted Gaussian mixture: parameters, the EM trace, and what can be done with it.
 *
 * <p>Serving: the fit keeps one compiled float64 graph and session for its lifetime (built on the
 * first batch call, reused by every later one) and answers calls of a few rows in plain Java
 * ({@code MixtureScorer}, no session run) — the same formulas, so both agree to rounding. Every
 * method is safe for concurrent callers. {@link #close()} frees the session at once; a fit that is
 * never closed frees it when it becomes unreachable.
 */
public final class GaussianMixtureFit implements AutoCloseable {
  /** Calls with at most this many rows are answered in plain Java. */
  static final int SMALL_CALL_ROWS = 32;
  private static final Cleaner CLEANER = Cleaner.create();

  private final GaussianMixtureConfig config;
  private final MixtureParameters parameters;
  private final List<EmIteration> trace;
  private final int iterations;
  private final boolean converged;
  private final double trainLogLikelihood;
  private final List<Double> restartLogLikelihoods;
  private final GraphHolder holder = new GraphHolder();
  private volatile MixtureScorer scorer;

  /**
   * @param config the settings used
   * @param parameters λ, μ, Σ after the last M-step
   * @param trace one entry per EM iteration of the best restart
   * @param iterations number of EM iterations of the best restart
   * @param converged whether the tolerance was met before the iteration cap
   * @param trainLogLikelihood mean ln p(y) per example on the training data at the final parameters
   * @param restartLogLikelihoods final mean log-likelihood of every restart
   */
  public GaussianMixtureFit(
      GaussianMixtureConfig config,
      MixtureParameters parameters,
      List<EmIteration> trace,
      int iterations,
      boolean converged,
      double trainLogLikelihood,
      List<Double> restartLogLikelihoods) {
    this.config = config;
    this.parameters = parameters;
    this.trace = trace;
    this.iterations = iterations;
    this.converged = converged;
    this.trainLogLikelihood = trainLogLikelihood;
    this.restartLogLikelihoods = restartLogLikelihoods;
    CLEANER.register(this, holder);
  }

  /** The settings used. */
  public GaussianMixtureConfig config() {
    return config;
  }

  /** λ, μ, Σ after the last M-step. */
  public MixtureParameters parameters() {
    return parameters;
  }

  /** One entry per EM iteration of the best restart. */
  public List<EmIteration> trace() {
    return trace;
  }

  /** Number of EM iterations of the best restart. */
  public int iterations() {
    return iterations;
  }

  /** Whether the tolerance was met before the iteration cap. */
  public boolean converged() {
    return converged;
  }

  /** Mean ln p(y) per example on the training data at the final parameters. */
  public double trainLogLikelihood() {
    return trainLogLikelihood;
  }

  /** Final mean log-likelihood of every restart. */
  public List<Double> restartLogLikelihoods() {
    return restartLogLikelihoods;
  }

  /** ln p(y) of one row (plain Java, no session run). */
  public double logLikelihood(double[] y) {
    checkRow(y);
    return scorer().logResponsibilities(y, new double[parameters.components()]);
  }

  /** P(z = n | y) of one row (plain Java, no session run). */
  public double[] predictProba(double[] y) {
    checkRow(y);
    double[] lr = new double[parameters.components()];
    scorer().logResponsibilities(y, lr);
    for (int c = 0; c < lr.length; c++) {
      lr[c] = Math.exp(lr[c]);
    }
    return lr;
  }

  @Override
  public String toString() {
    return "GaussianMixtureFit[K=" + parameters.components() + ", D=" + parameters.dimension() + ", covariance="
        + config.covarianceType().id() + ", iterations=" + iterations + ", converged=" + converged
        + ", trainLogLikelihood=" + trainLogLikelihood + "]";
  }

  /** Frees the compiled graph and its session (later calls build them again). */
  @Override
  public void close() {
    holder.run();
  }

  /** ln p(y) of every row. */
  public double[] logLikelihoods(double[][] x) {
    check(x);
    double[] out = new double[x.length];
    logResponsibilities(x, out);
    return out;
  }

  /** Mean ln p(y) per example (scikit-learn's {@code score}). */
  public double score(double[][] x) {
    double s = 0;
    for (double v : logLikelihoods(x)) {
      s += v;
    }
    return s / x.length;
  }

  /** The exact posterior P(z = n | y) of every row, N × K (scikit-learn's {@code predict_proba}). */
  public double[][] predictProba(double[][] x) {
    check(x);
    double[][] lr = logResponsibilities(x, null);
    for (double[] row : lr) {
      for (int c = 0; c < row.length; c++) {
        row[c] = Math.exp(row[c]);
      }
    }
    return lr;
  }

  /** The most probable component of every row. */
  public int[] predict(double[][] x) {
    double[][] p = predictProba(x);
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      int best = 0;
      for (int c = 1; c < p[i].length; c++) {
        if (p[i][c] > p[i][best]) {
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /** Ancestral samples and the components they came from. */
  public record Samples(double[][] values, int[] components) {}

  /** Ancestral sampling: z ~ P_pri = Categorical(λ), then y ~ P_dec(y|z) = N(μ_z, Σ_z). */
  public Samples sample(int n, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("number of samples must be >= 1, got " + n);
    }
    Random random = new Random(seed);
    int k = parameters.components();
    int d = parameters.dimension();
    double[][][] chol = new double[k][][];
    for (int c = 0; c < k; c++) {
      chol[c] = Cholesky.lower(parameters.covariances()[c], c);
    }
    double[][] y = new double[n][d];
    int[] z = new int[n];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      int c = 0;
      while (c < k - 1 && (u -= parameters.weights()[c]) >= 0) {
        c++;
      }
      z[i] = c;
      double[] eps = new double[d];
      for (int j = 0; j < d; j++) {
        eps[j] = random.nextGaussian();
      }
      for (int a = 0; a < d; a++) {
        double s = parameters.means()[c][a];
        for (int b = 0; b <= a; b++) {
          s += chol[c][a][b] * eps[b];
        }
        y[i][a] = s;
      }
    }
    return new Samples(y, z);
  }

  /** Free parameters: (K − 1) weights, K·D means, and the covariance parameters. */
  public long parameterCount() {
    int k = parameters.components();
    int d = parameters.dimension();
    return (k - 1) + (long) k * d + config.covarianceType().parameterCount(k, d);
  }

  /** Bayesian information criterion −2 ln L + p ln N on {@code x} (lower is better). */
  public double bic(double[][] x) {
    return -2 * score(x) * x.length + parameterCount() * Math.log(x.length);
  }

  /** Akaike information criterion −2 ln L + 2p on {@code x}. */
  public double aic(double[][] x) {
    return -2 * score(x) * x.length + 2.0 * parameterCount();
  }

  /** ln q(n | y) of every row (and ln p(y) into {@code logLikelihoodOut}): plain Java for a few rows, the graph otherwise. */
  private double[][] logResponsibilities(double[][] x, double[] logLikelihoodOut) {
    if (x.length <= SMALL_CALL_ROWS) {
      MixtureScorer sc = scorer();
      double[][] out = new double[x.length][parameters.components()];
      for (int i = 0; i < x.length; i++) {
        double ln = sc.logResponsibilities(x[i], out[i]);
        if (logLikelihoodOut != null) {
          logLikelihoodOut[i] = ln;
        }
      }
      return out;
    }
    EmGraph g = holder.graph(parameters.components(), parameters.dimension(), config.covarianceType());
    try (EmGraph.Data data = g.data(x)) {
      return g.logResponsibilities(data, parameters, logLikelihoodOut);
    }
  }

  private MixtureScorer scorer() {
    MixtureScorer s = scorer;
    if (s == null) {
      s = new MixtureScorer(parameters, config.covarianceType());
      scorer = s;
    }
    return s;
  }

  /** The lazily built graph; also the cleaning action (it must not refer to the fit). */
  private static final class GraphHolder implements Runnable {
    private EmGraph graph;

    synchronized EmGraph graph(int k, int d, CovarianceType type) {
      if (graph == null) {
        graph = new EmGraph(k, d, type);
      }
      return graph;
    }

    @Override
    public synchronized void run() {
      if (graph != null) {
        graph.close();
        graph = null;
      }
    }
  }

  private void checkRow(double[] y) {
    if (y == null) {
      throw new IllegalArgumentException("row is null");
    }
    check(new double[][] {y});
  }

  private void check(double[][] x) {
    DataChecks.validate(x, "data");
    if (x[0].length != parameters.dimension()) {
      throw new IllegalArgumentException("data has dimension " + x[0].length + ", the mixture " + parameters.dimension());
    }
  }
}
