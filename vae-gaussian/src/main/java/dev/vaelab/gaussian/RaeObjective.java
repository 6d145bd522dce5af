package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.objective.ObjectiveContext;
import dev.vaelab.core.objective.SampleShape;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The regularised autoencoder (Ghosh et al. 2019, eq. 11) with L2 decoder regularisation (RAE-L2) or the gradient
 * penalty (RAE-GP):
 *
 * <pre>
 *   RAE-L2   loss = mean_batch[ −ln P_dec(y|z) + β · ½ ‖z‖² ] + λ · Σ_W ‖W‖²,                z = E(y) (deterministic)
 *   RAE-GP   loss = mean_batch[ −ln P_dec(y|z) + β · ½ ‖z‖² + λ · ‖∇_z Σ_j E[y_j|z]‖² ]
 * </pre>
 *
 * with Σ_W over the decoder's weight matrices ({@link WeightedDecoder#weights()}), β the weight of the latent code's
 * norm (the paper's "embedding loss") and λ that of the decoder's regulariser. The gradient penalty takes the gradient
 * of the summed decoder mean, as pythae's RAE-GP does (the paper's ‖∇D(z)‖² of a vector-valued D; the Jacobian's
 * Frobenius norm would cost d passes), built by {@link WeightedDecoder#meanGradient} from forward ops so that it can be
 * trained. Samples come from a density fitted afterwards to the
 * training codes (ex-post density estimation: {@code --sampler gmm}, the paper's choice, or {@code maf}, {@code two-stage}).
 *
 * @param beta β ≥ 0
 * @param lambda λ ≥ 0
 */
public record RaeObjective(double beta, double lambda, Penalty penalty) implements Objective {
  /** The decoder's regulariser. */
  public enum Penalty {
    /** λ Σ_W ‖W‖² over the decoder's weight matrices. */
    L2,
    /** λ ‖∇_z Σ_j E[y_j|z]‖² per example. */
    GRADIENT
  }

  /** RAE-L2. */
  public RaeObjective(double beta, double lambda) {
    this(beta, lambda, Penalty.L2);
  }

  /** Default β. */
  public static final double DEFAULT_BETA = 1;
  /** Default λ. */
  public static final double DEFAULT_LAMBDA = 1e-3;

  public RaeObjective {
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("--beta must be a finite number >= 0, got " + beta);
    }
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("--lambda must be a finite number >= 0, got " + lambda);
    }
    if (penalty == null) {
      throw new IllegalArgumentException("the RAE's penalty must be L2 or GRADIENT, got null");
    }
  }

  @Override
  public String name() {
    return penalty == Penalty.L2 ? "rae-l2" : "rae-gp";
  }

  @Override
  public DivergenceLoss build(Ops tf, LatentVariableModel model, Operand<TFloat32> y, ObjectiveContext context) {
    if (!(model.decoder() instanceof WeightedDecoder dec)) {
      throw new IllegalArgumentException("the RAE's decoder penalty needs a decoder that lists its weights (a WeightedDecoder), got "
          + model.decoder().getClass().getSimpleName());
    }
    Distribution q = model.encoder().encode(tf, y);
    Operand<TFloat32> z = q.sample(tf, SampleShape.perExample(tf, y, model.latentSize()), context.seeds().next());
    Operand<TFloat32> distortion = tf.math.neg(dec.decode(tf, z).logProb(tf, y));
    Operand<TFloat32> codeNorm = tf.math.mul(tf.constant(0.5f), tf.reduceSum(tf.math.square(z), tf.constant(-1)));
    Operand<TFloat32> perExample = tf.math.add(distortion, tf.math.mul(tf.constant((float) beta), codeNorm));
    Operand<TFloat32> regulariser;
    Operand<TFloat32> total;
    if (penalty == Penalty.L2) {
      regulariser = squaredWeights(tf, dec);
      total = tf.math.add(tf.math.mean(perExample, tf.constant(0)), tf.math.mul(tf.constant((float) lambda), regulariser));
    } else {
      Operand<TFloat32> g = dec.meanGradient(tf, z);
      Operand<TFloat32> perExampleGp = tf.reduceSum(tf.math.square(g), tf.constant(-1));
      regulariser = tf.math.mean(perExampleGp, tf.constant(0));
      total = tf.math.mean(tf.math.add(perExample, tf.math.mul(tf.constant((float) lambda), perExampleGp)), tf.constant(0));
    }
    Operand<TFloat32> rate = WassersteinObjective.rate(tf, q, model.prior().distribution(tf), z, distortion);
    return new DivergenceLoss(total, rate, distortion, tf.math.neg(tf.math.add(rate, distortion)), regulariser);
  }

  private static Operand<TFloat32> squaredWeights(Ops tf, WeightedDecoder dec) {
    Operand<TFloat32> weights = null;
    for (Operand<TFloat32> w : dec.weights()) {
      Operand<TFloat32> s = tf.reduceSum(tf.math.square(w), tf.constant(new int[] {0, 1}));
      weights = weights == null ? s : tf.math.add(weights, s);
    }
    return weights;
  }
}
