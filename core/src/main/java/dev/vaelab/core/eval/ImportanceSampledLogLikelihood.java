package dev.vaelab.core.eval;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.graph.ModelGraph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The importance-sampled log-likelihood used to evaluate every model (Burda et al. 2015, and
 * note 001's importance sampling with the encoder as proposal):
 *
 * <pre>
 *   ln p(y) ≈ ln (1/K) Σ_{i=1..K} w_i,   w_i = P_pri(z_i) P_dec(y|z_i) / P_enc(z_i|y),   z_i ~ P_enc(z|y)
 *   SE(ln p̂) ≈ sd(w) / (√K · mean(w))         (delta method)
 *   ESS = (Σ w_i)² / Σ w_i²
 * </pre>
 *
 * The K samples are drawn in chunks of {@code chunk} so memory stays bounded whatever K is; the
 * log-weights come back as floats and are reduced in double precision on the host. Works for any
 * triad whose encoder can be sampled (reparameterisation is not needed for evaluation).
 *
 * <p>Adds its ops to the model's graph once; safe to call {@link #estimate} repeatedly.
 */
public final class ImportanceSampledLogLikelihood {
  /** Default K. */
  public static final int DEFAULT_SAMPLES = 5000;
  /** Default samples drawn per graph run. */
  public static final int DEFAULT_CHUNK = 250;
  /** Default examples per graph run. */
  public static final int DEFAULT_BATCH = 20;
  /**
   * The first draw index of the estimator's noise (see {@link #perExample}): above the evaluator's
   * (1 + batch number) and the samplers' counters of one process. The draws of a step end at 2^20:
   * with K = 5000 (R = 20 runs) more than 26,214 blocks (524,288 rows at 20 per block) reach the
   * indices of step + 1, whose noise a fixed model never otherwise draws.
   */
  public static final long FIRST_DRAW = 1L << 19;

  private final ModelGraph graph;
  private final int chunk;
  private final Operand<TFloat32> logWeights;

  /** Builds the estimator's ops into {@code graph}, drawing {@code chunk} samples per run. */
  public ImportanceSampledLogLikelihood(ModelGraph graph, int chunk) {
    if (chunk < 1) {
      throw new IllegalArgumentException("chunk must be >= 1, got " + chunk);
    }
    this.graph = graph;
    this.chunk = chunk;
    Ops tf = graph.tf().withSubScope("loglik");
    // on the graph's own input (and context): the batch is fed as every other run feeds it
    this.logWeights = LogWeights.of(tf, graph.model(), graph.input(), chunk, graph.seeds().next()).logWeights();
  }

  /** With the default chunk. */
  public ImportanceSampledLogLikelihood(ModelGraph graph) {
    this(graph, DEFAULT_CHUNK);
  }

  /**
   * Estimates ln p(y) for the first {@code n} examples of {@code data} with {@code k} samples each.
   *
   * @param k importance samples per example, exactly (the last graph run's surplus draws are dropped)
   * @param batch examples per graph run
   */
  public LogLikelihoodEstimate estimate(Dataset data, int n, int k, int batch) {
    if (k < 1) {
      throw new IllegalArgumentException("number of importance samples K must be >= 1, got " + k);
    }
    if (n < 1 || n > data.size()) {
      throw new IllegalArgumentException("number of examples must be in 1.." + data.size() + ", got " + n);
    }
    int dataSize = (int) graph.model().dataSize();
    data.requireDimension(dataSize, "model");
    double[] perExample = new double[n];
    double[] varAndEss = new double[2];
    data.forEachBatch(n, batch, (dev.vaelab.core.data.Batch rows, int from) -> {
      double[][] s = perExample(rows, k, from / batch);
      for (int e = 0; e < rows.n(); e++) {
        perExample[from + e] = s[e][0];
        varAndEss[0] += s[e][1] * s[e][1];
        varAndEss[1] += s[e][2];
      }
    });
    double varSum = varAndEss[0];
    double essSum = varAndEss[1];
    double mean = 0;
    for (double v : perExample) {
      mean += v;
    }
    mean /= n;
    return new LogLikelihoodEstimate(n, k, mean, Math.sqrt(varSum) / n, essSum / n, perExample);
  }

  /**
   * The estimate for every row of one block of examples: {@code [row][0]} = ln (1/K) Σ_k w_k, {@code
   * [row][1]} its standard error, {@code [row][2]} the effective sample size. The noise of block
   * number {@code block} is that of draw indices {@link #FIRST_DRAW} + block · R + r (r = 0 … R − 1, R =
   * ⌈K / chunk⌉ graph runs), so a row's estimate depends only on the block it is scored in and its
   * place there — not on what the process drew before. {@link #estimate} scores examples in blocks
   * of {@code batch} from the first; scoring the same blocks elsewhere (vaelab-spark) gives the same numbers.
   */
  public double[][] perExample(dev.vaelab.core.data.Batch rows, int k, long block) {
    if (k < 1) {
      throw new IllegalArgumentException("number of importance samples K must be >= 1, got " + k);
    }
    int runs = (k + chunk - 1) / chunk;
    int b = rows.n();
    double[][] lw = new double[b][k];
    for (int r = 0; r < runs; r++) {
      java.util.List<org.tensorflow.Tensor> fed = new java.util.ArrayList<>();
      try (org.tensorflow.types.TInt64 d = org.tensorflow.types.TInt64.scalarOf(FIRST_DRAW + block * runs + r);
          Result res = graph.feed(graph.session().runner(), rows, fed).feed(graph.drawIndex(), d).fetch(logWeights).run()) {
        float[] v = Feeds.values(res.get(0)); // [chunk, b]
        int used = Math.min(chunk, k - r * chunk); // the last run may draw more than K needs
        for (int i = 0; i < used; i++) {
          for (int e = 0; e < b; e++) {
            lw[e][r * chunk + i] = v[i * b + e];
          }
        }
      } finally {
        fed.forEach(org.tensorflow.Tensor::close);
      }
    }
    double[][] out = new double[b][];
    for (int e = 0; e < b; e++) {
      out[e] = summarize(lw[e]);
    }
    return out;
  }

  /**
   * ln (1/K) Σ w, the delta-method standard error of it, and the effective sample size, from K
   * log-weights (plain Java, double precision).
   */
  public static double[] summarize(double[] logW) {
    int k = logW.length;
    double m = Double.NEGATIVE_INFINITY;
    for (double v : logW) {
      m = Math.max(m, v);
    }
    if (!Double.isFinite(m)) {
      throw new IllegalStateException("log-weights are not finite (max " + m + "); the model assigns the data zero or NaN probability");
    }
    double s1 = 0;
    double s2 = 0;
    for (double v : logW) {
      double w = Math.exp(v - m);
      s1 += w;
      s2 += w * w;
    }
    double logMean = m + Math.log(s1 / k);
    double meanW = s1 / k;
    double varW = Math.max(0, s2 / k - meanW * meanW);
    double se = Math.sqrt(varW / k) / meanW;
    double ess = s1 * s1 / s2;
    return new double[] {logMean, se, ess};
  }
}
