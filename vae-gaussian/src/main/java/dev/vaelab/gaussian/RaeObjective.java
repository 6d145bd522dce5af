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
 * The regularised autoencoder with L2 decoder regularisation (Ghosh et al. 2019, RAE-L2, eq. 11):
 *
 * <pre>
 *   loss = mean_batch[ −ln P_dec(y|z) + β · ½ ‖z‖² ] + λ · Σ_W ‖W‖²,   z = E(y) (deterministic)
 * </pre>
 *
 * with Σ_W over the decoder's weight matrices ({@link WeightedDecoder#weights()}), β the weight of the latent code's
 * norm (the paper's "embedding loss") and λ that of the decoder's. Samples come from a density fitted afterwards to the
 * training codes (ex-post density estimation: {@code --sampler gmm}, the paper's choice, or {@code maf}, {@code two-stage}).
 *
 * @param beta β ≥ 0
 * @param lambda λ ≥ 0
 */
public record RaeObjective(double beta, double lambda) implements Objective {
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
  }

  @Override
  public String name() {
    return "rae-l2";
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
    Operand<TFloat32> weights = null;
    for (Operand<TFloat32> w : dec.weights()) {
      Operand<TFloat32> s = tf.reduceSum(tf.math.square(w), tf.constant(new int[] {0, 1}));
      weights = weights == null ? s : tf.math.add(weights, s);
    }
    Operand<TFloat32> perExample = tf.math.add(distortion, tf.math.mul(tf.constant((float) beta), codeNorm));
    Operand<TFloat32> total = tf.math.add(tf.math.mean(perExample, tf.constant(0)), tf.math.mul(tf.constant((float) lambda), weights));
    Operand<TFloat32> rate = WassersteinObjective.rate(tf, q, model.prior().distribution(tf), z, distortion);
    return new DivergenceLoss(total, rate, distortion, tf.math.neg(tf.math.add(rate, distortion)), weights);
  }
}
