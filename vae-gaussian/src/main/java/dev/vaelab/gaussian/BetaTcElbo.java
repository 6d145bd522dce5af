package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.KlDivergence;
import dev.vaelab.core.distribution.StandardNormal;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.objective.Loss;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.objective.ObjectiveContext;
import dev.vaelab.core.objective.SampleShape;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TFloat32;

/**
 * β-TCVAE (Chen et al. 2018): the ELBO with its rate split into index-code mutual information, total
 * correlation and dimension-wise KL ({@link RateDecomposition}, minibatch-weighted sampling), the
 * total correlation weighted by β:
 *
 * <pre>
 *   loss = mean_batch[ −ln P_dec(y|z) + MI + β · TC + DWKL ],   z = μ + σ ⊙ ε
 * </pre>
 *
 * β = 1 is the ELBO (up to the estimator). The reported rate, distortion and bound are the ELBO's (the
 * analytic KL to N(0, I)), so test numbers stay comparable with the VAE's. The data-set size N of the
 * estimator is a placeholder with the training set's size as default, so the terms can be estimated
 * on another set (feed its size).
 *
 * @param beta β ≥ 0, the weight of the total correlation
 * @param datasetSize N of the training set
 */
public record BetaTcElbo(double beta, long datasetSize) implements Objective {
  public BetaTcElbo {
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("beta must be a finite number >= 0, got " + beta);
    }
    if (datasetSize < 1) {
      throw new IllegalArgumentException("the data-set size N of the TC estimator must be >= 1, got " + datasetSize);
    }
  }

  @Override
  public String name() {
    return "beta-tc-elbo";
  }

  /**
   * The terms on one batch.
   *
   * @param datasetSize the estimator's N (default: the training set's size)
   * @param mu μ(y) of the encoder
   * @param logVariance ln σ²(y) of the encoder
   */
  public record TcLoss(Operand<TFloat32> total, Operand<TFloat32> rate, Operand<TFloat32> distortion, Operand<TFloat32> bound,
      RateDecomposition decomposition, PlaceholderWithDefault<TFloat32> datasetSize, Operand<TFloat32> mu,
      Operand<TFloat32> logVariance) implements Loss {}

  @Override
  public TcLoss build(Ops tf, LatentVariableModel model, Operand<TFloat32> y, ObjectiveContext context) {
    Distribution encoded = model.encoder().encode(tf, y);
    Distribution p = model.prior().distribution(tf);
    if (!(encoded instanceof DiagonalGaussian q) || !(p instanceof StandardNormal)) {
      throw new IllegalArgumentException("β-TCVAE's estimator needs a diagonal-Gaussian encoder and the N(0, I) prior; got "
          + encoded.getClass().getSimpleName() + " and " + p.getClass().getSimpleName());
    }
    Operand<TFloat32> z = q.sample(tf, SampleShape.perExample(tf, y, model.latentSize()), context.seeds().next());
    Operand<TFloat32> distortion = tf.math.neg(model.decoder().decode(tf, z).logProb(tf, y));
    PlaceholderWithDefault<TFloat32> n =
        tf.withName("tc_dataset_size").placeholderWithDefault(tf.constant((float) datasetSize), Shape.scalar());
    RateDecomposition d = RateDecomposition.estimate(tf, z, q.loc(), q.logVariance(), n);
    Operand<TFloat32> perExample = tf.math.add(tf.math.add(distortion, d.mutualInformation()),
        tf.math.add(tf.math.mul(tf.constant((float) beta), d.totalCorrelation()), d.dimensionWiseKl()));
    Operand<TFloat32> total = tf.math.mean(perExample, tf.constant(0));
    Operand<TFloat32> rate = KlDivergence.between(tf, q, p);
    return new TcLoss(total, rate, distortion, tf.math.neg(tf.math.add(rate, distortion)), d, n, q.loc(), q.logVariance());
  }
}
