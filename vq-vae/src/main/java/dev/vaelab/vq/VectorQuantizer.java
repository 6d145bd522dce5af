package dev.vaelab.vq;

import dev.vaelab.core.nn.Parameters;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.RandomUniform;
import org.tensorflow.framework.initializers.Zeros;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomUniformInt;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Vector quantisation with a codebook e_1..e_K ∈ R^D (van den Oord, Vinyals and Kavukcuoglu 2017;
 * note 003).
 *
 * <h2>Mathematical details</h2>
 *
 * <pre>
 *   k(x)  = argmin_i ‖x − e_i‖² = argmin_i ( ‖x‖² − 2 x·e_i + ‖e_i‖² )
 *   z_q   = z_e + sg[e_k − z_e]                 (straight-through: value e_k, gradient to z_e)
 *   codebook loss   ‖sg[z_e] − e_k‖²   (GRADIENT codebook only)
 *   commitment loss β ‖z_e − sg[e_k]‖²
 *   EMA codebook, per training step t with counts n_i and sums s_i = Σ_{z_e → i} z_e:
 *     N_i ← γ N_i + (1 − γ) n_i,   M_i ← γ M_i + (1 − γ) s_i,   both started at 0
 *     N̂ = N / (1 − γ^t),  M̂ = M / (1 − γ^t)                          (zero-debiasing, as Sonnet)
 *     Ñ_i = (N̂_i + ε) / (Σ_j N̂_j + K ε) · Σ_j N̂_j                   (Laplace smoothing)
 *     e_i = M̂_i / Ñ_i
 *   perplexity = exp(−Σ_i p_i ln p_i),  p_i = n_i / Σ_j n_j
 * </pre>
 *
 * There is one quantisation step ({@link #quantize}) for both codebook modes; the EMA, usage
 * counting and dead-code restarts are state updates ({@link #updates}) that only a training step
 * runs. In EMA mode the codebook is state, not a parameter: the optimizer never touches it.
 */
public final class VectorQuantizer {
  private final VectorQuantizerConfig config;
  private final Variable<TFloat32> codebook;
  private final Operand<TFloat32> codebookRead;
  private final Variable<TFloat32> emaCount;
  private final Variable<TFloat32> emaSum;
  private final Variable<TFloat32> emaSteps;
  private final Variable<TFloat32> usage;

  /**
   * Creates the codebook (U(±√(3/D)), Sonnet's VarianceScaling(uniform) with fan_in = D) and the
   * quantiser's state.
   *
   * @param name prefix of the variable names
   */
  public VectorQuantizer(Ops tf, Parameters params, String name, VectorQuantizerConfig config) {
    this.config = config;
    int k = config.codebookSize();
    int d = config.dimension();
    double bound = Math.sqrt(3.0 / d);
    RandomUniform<TFloat32> init = new RandomUniform<>(-bound, bound, config.seed() + 17);
    if (config.update() == CodebookUpdate.GRADIENT) {
      this.codebookRead = params.create(name + "_codebook", Shape.of(k, d), init);
      this.codebook = params.variable(name + "_codebook");
    } else {
      this.codebook = params.createState(name + "_codebook", Shape.of(k, d), init);
      this.codebookRead = tf.withName(name + "_codebook_read").identity(codebook);
    }
    this.emaCount = params.createState(name + "_ema_count", Shape.of(k), new Zeros<>());
    this.emaSum = config.update() == CodebookUpdate.EMA ? params.createState(name + "_ema_sum", Shape.of(k, d), new Zeros<>()) : null;
    this.emaSteps = params.createState(name + "_ema_steps", Shape.scalar(), new Zeros<>());
    this.usage = params.createState(name + "_usage", Shape.of(k), new Zeros<>());
  }

  public VectorQuantizerConfig config() {
    return config;
  }

  /** The codebook variable (for initialisation from data and for inspection). */
  public Variable<TFloat32> codebook() {
    return codebook;
  }

  /** The codebook's current value, {@code [K, D]}. */
  public Operand<TFloat32> codebookValue() {
    return codebookRead;
  }

  /** Code usage counted by training steps since the last reset, {@code [K]}. */
  public Variable<TFloat32> usage() {
    return usage;
  }

  /** The EMA cluster sizes N (not debiased), {@code [K]}. */
  public Variable<TFloat32> emaCount() {
    return emaCount;
  }

  /** Nearest codes of z_e ({@code [batch, ..., D]}), with the straight-through estimator and the loss terms. */
  public Quantized quantize(Ops tf, Operand<TFloat32> ze) {
    int d = config.dimension();
    int k = config.codebookSize();
    if (ze.shape().get(-1) != d) {
      throw new IllegalArgumentException("quantiser expects inputs with last dimension D = " + d + ", got " + ze.shape());
    }
    Operand<TFloat32> flat = tf.reshape(ze, tf.constant(new int[] {-1, d}));
    Operand<TFloat32> e = codebookRead;
    Operand<TInt32> one = tf.constant(1);
    Operand<TFloat32> dist =
        tf.math.add(
            tf.math.sub(
                tf.reduceSum(tf.math.square(flat), one, org.tensorflow.op.core.ReduceSum.keepDims(true)),
                tf.math.mul(tf.constant(2f), tf.linalg.matMul(flat, e, org.tensorflow.op.linalg.MatMul.transposeB(true)))),
            tf.reshape(tf.reduceSum(tf.math.square(e), one), tf.constant(new int[] {1, k})));
    Operand<TInt64> codes = tf.math.argMin(dist, one);
    Operand<TFloat32> eq = tf.reshape(tf.gather(e, codes, tf.constant(0)), tf.shape(ze));
    Operand<TInt32> perExample = tf.stack(List.of(tf.squeeze(tf.slice(tf.shape(ze), tf.constant(new int[] {0}), tf.constant(new int[] {1}))), tf.constant(-1)));
    Operand<TFloat32> codebookLoss =
        tf.reduceSum(tf.reshape(tf.math.square(tf.math.sub(tf.stopGradient(ze), eq)), perExample), one);
    Operand<TFloat32> commitment =
        tf.reduceSum(tf.reshape(tf.math.square(tf.math.sub(ze, tf.stopGradient(eq))), perExample), one);
    // straight-through: forward e_k, gradient to z_e
    Operand<TFloat32> zq = tf.math.add(ze, tf.stopGradient(tf.math.sub(eq, ze)));
    Operand<TFloat32> oneHot = tf.oneHot(codes, tf.constant(k), tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> counts = tf.reduceSum(oneHot, tf.constant(0));
    Operand<TFloat32> total = tf.reduceSum(counts, tf.constant(0));
    Operand<TFloat32> p = tf.math.div(counts, total);
    Operand<TFloat32> perplexity =
        tf.math.exp(tf.math.neg(tf.reduceSum(tf.math.mul(p, tf.math.log(tf.math.add(p, tf.constant(1e-10f)))), tf.constant(0))));
    return new Quantized(zq, codes, codebookLoss, commitment, perplexity, counts, flat);
  }

  /**
   * The state updates of one training step for the batch quantised as {@code q}: usage counting,
   * the EMA (cluster sizes always; sums and codebook in EMA mode) and dead-code restarts.
   *
   * @param tf ops whose control dependencies order these after the optimizer's update
   */
  public List<Op> updates(Ops tf, Quantized q, dev.vaelab.core.distribution.Seed seed) {
    int k = config.codebookSize();
    float gamma = (float) config.decay();
    Operand<TFloat32> g = tf.constant(gamma);
    Operand<TFloat32> oneMinusG = tf.constant(1f - gamma);
    List<Op> ops = new ArrayList<>();
    ops.add(tf.assignAdd(usage, q.counts()));
    Operand<TFloat32> steps = tf.math.add(tf.identity(emaSteps), tf.constant(1f));
    Operand<TFloat32> debias = tf.math.sub(tf.constant(1f), tf.math.pow(g, steps));
    Operand<TFloat32> count = tf.math.add(tf.math.mul(g, tf.identity(emaCount)), tf.math.mul(oneMinusG, q.counts()));
    Operand<TFloat32> countHat = tf.math.div(count, debias);
    Operand<TFloat32> flat = tf.stopGradient(q.flatInputs());
    Operand<TFloat32> newCodebook = null;
    Operand<TFloat32> sum = null;
    if (config.update() == CodebookUpdate.EMA) {
      Operand<TFloat32> oneHot = tf.oneHot(q.codes(), tf.constant(k), tf.constant(1f), tf.constant(0f));
      Operand<TFloat32> sums = tf.linalg.matMul(oneHot, flat, org.tensorflow.op.linalg.MatMul.transposeA(true));
      sum = tf.math.add(tf.math.mul(g, tf.identity(emaSum)), tf.math.mul(oneMinusG, sums));
      Operand<TFloat32> sumHat = tf.math.div(sum, debias);
      Operand<TFloat32> n = tf.reduceSum(countHat, tf.constant(0));
      Operand<TFloat32> eps = tf.constant((float) config.epsilon());
      Operand<TFloat32> smoothed =
          tf.math.mul(tf.math.div(tf.math.add(countHat, eps), tf.math.add(n, tf.math.mul(tf.constant((float) k), eps))), n);
      newCodebook = tf.math.div(sumHat, tf.expandDims(smoothed, tf.constant(1)));
    }
    if (config.deadCodeThreshold() > 0) {
      // re-seed codes whose (debiased) cluster size fell below the threshold from random inputs
      Operand<TBool> dead = tf.math.less(countHat, tf.constant((float) config.deadCodeThreshold()));
      Operand<TInt64> rows = tf.dtypes.cast(tf.shape(flat), TInt64.class);
      Operand<TInt64> m = tf.squeeze(tf.slice(rows, tf.constant(new long[] {0}), tf.constant(new long[] {1})));
      Operand<TInt64> pick =
          seed.isStateless()
              ? tf.random.statelessRandomUniformInt(tf.constant(new int[] {k}), seed.statelessKey(tf), tf.constant(0L), m)
              : tf.random.randomUniformInt(tf.constant(new int[] {k}), tf.constant(0L), m,
                  RandomUniformInt.seed(seed.seed()), RandomUniformInt.seed2(seed.seed2()));
      Operand<TFloat32> candidates = tf.gather(flat, pick, tf.constant(0));
      Operand<TFloat32> base = newCodebook != null ? newCodebook : codebookRead;
      Operand<TBool> deadRows = tf.expandDims(dead, tf.constant(1)); // [K, 1] broadcasts over D (SelectV2)
      newCodebook = tf.select(deadRows, candidates, base);
      // a revived code starts with a debiased cluster size of 1 around its new position
      count = tf.select(dead, tf.math.mul(debias, tf.onesLike(count)), count);
      if (sum != null) {
        sum = tf.select(deadRows, tf.math.mul(debias, candidates), sum);
      }
    }
    ops.add(tf.assign(emaSteps, steps));
    ops.add(tf.assign(emaCount, count));
    if (sum != null) {
      ops.add(tf.assign(emaSum, sum));
    }
    if (newCodebook != null) {
      ops.add(tf.assign(codebook, newCodebook));
    }
    return ops;
  }

  /** exp(−Σ p ln p) of a count vector (plain Java), 0·ln 0 = 0. */
  public static double perplexity(double[] counts) {
    double total = 0;
    for (double c : counts) {
      total += c;
    }
    double h = 0;
    for (double c : counts) {
      if (c > 0) {
        double p = c / total;
        h -= p * Math.log(p);
      }
    }
    return Math.exp(h);
  }
}
