package dev.vaelab.core.objective;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.GroupedCategorical;
import dev.vaelab.core.distribution.KlDivergence;
import dev.vaelab.core.model.LatentVariableModel;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The ELBO of a categorical latent trained through the Gumbel-softmax relaxation (Jang et al. 2017;
 * Maddison et al. 2017's Concrete), with an annealed temperature, optionally straight-through.
 *
 * <h2>Mathematical details</h2>
 *
 * <pre>
 *   τ_t        = max(τ_min, τ_0 · exp(−r · t))                  t = optimisation steps so far
 *   g ~ Gumbel(0, 1)^{N×K},   z̃_n = softmax((ℓ_n + g_n) / τ_t),   z_n = onehot(argmax_k (ℓ_{n,k} + g_{n,k}))
 *   relaxed    : L̃ = −ln P_dec(y | z̃) + β · KL(q ‖ p)             (what training minimises)
 *   straight-through: z̃ ← z + z̃ − stopgrad(z̃)  (forward one-hot, backward the relaxed gradient)
 *   exact      : ELBO = E_q[ln P_dec(y|z)] − KL(q ‖ p),  one sample z (the argmax of the same g)
 * </pre>
 *
 * The KL to the prior is analytic over the unrelaxed categoricals (Jang et al.'s choice). The
 * reported rate, distortion and bound are the exact ones (z one-hot from the same noise), so test
 * numbers and the importance-sampled likelihood judge the categorical model, not its relaxation;
 * {@link RelaxedElboLoss#relaxedBound()} is the relaxed objective, for the gap between them.
 *
 * @param initialTemperature τ_0 &gt; 0
 * @param annealRate r ≥ 0 per step
 * @param minTemperature τ_min &gt; 0
 * @param straightThrough forward the hard sample, backward the relaxed gradient
 * @param beta β ≥ 0, the rate weight of the training loss
 */
public record GumbelSoftmaxElbo(double initialTemperature, double annealRate, double minTemperature, boolean straightThrough, double beta)
    implements Objective {
  /** Jang et al.'s schedule on MNIST, and B6(a): τ = max(0.5, exp(−3·10⁻⁵ · t)). */
  public static final double DEFAULT_TEMPERATURE = 1.0;
  public static final double DEFAULT_ANNEAL_RATE = 3e-5;
  public static final double DEFAULT_MIN_TEMPERATURE = 0.5;

  public GumbelSoftmaxElbo {
    if (!(initialTemperature > 0) || Double.isInfinite(initialTemperature)) {
      throw new IllegalArgumentException("temperature must be a finite number > 0, got " + initialTemperature);
    }
    if (!(annealRate >= 0) || Double.isInfinite(annealRate)) {
      throw new IllegalArgumentException("anneal rate must be a finite number >= 0, got " + annealRate);
    }
    if (!(minTemperature > 0) || minTemperature > initialTemperature) {
      throw new IllegalArgumentException("minimum temperature must be in (0, temperature = " + initialTemperature + "], got " + minTemperature);
    }
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("beta must be a finite number >= 0, got " + beta);
    }
  }

  /** B6(a): τ_0 = 1, r = 3·10⁻⁵, τ_min = 0.5, relaxed (not straight-through), β = 1. */
  public static GumbelSoftmaxElbo standard() {
    return new GumbelSoftmaxElbo(DEFAULT_TEMPERATURE, DEFAULT_ANNEAL_RATE, DEFAULT_MIN_TEMPERATURE, false, 1.0);
  }

  @Override
  public String name() {
    return straightThrough ? "gumbel-softmax-elbo-st" : "gumbel-softmax-elbo";
  }

  /** τ_t = max(τ_min, τ_0 exp(−r t)) after {@code step} steps. */
  public double temperatureAt(long step) {
    return Math.max(minTemperature, initialTemperature * Math.exp(-annealRate * step));
  }

  @Override
  public RelaxedElboLoss build(Ops tf, LatentVariableModel model, Operand<TFloat32> y, ObjectiveContext context) {
    Distribution encoded = model.encoder().encode(tf, y);
    if (!(encoded instanceof GroupedCategorical q)) {
      throw new IllegalArgumentException("the Gumbel-softmax ELBO relaxes a categorical latent; this model's encoder gives a "
          + encoded.getClass().getSimpleName() + " (use the ELBO)");
    }
    Distribution p = model.prior().distribution(tf);
    Operand<TFloat32> tau = tf.math.maximum(tf.constant((float) minTemperature),
        tf.math.mul(tf.constant((float) initialTemperature), tf.math.exp(tf.math.mul(tf.constant((float) -annealRate), context.step()))));
    Operand<TFloat32> g = q.gumbel(tf, SampleShape.perExample(tf, y, model.latentSize()), context.seeds().next());
    Operand<TFloat32> hard = q.hardSample(tf, g);
    Operand<TFloat32> relaxed = straightThrough ? q.straightThroughSample(tf, g, tau) : q.relaxedSample(tf, g, tau);
    Operand<TFloat32> relaxedDistortion = tf.math.neg(model.decoder().decode(tf, relaxed).logProb(tf, y));
    Operand<TFloat32> distortion = tf.stopGradient(tf.math.neg(model.decoder().decode(tf, hard).logProb(tf, y)));
    Operand<TFloat32> rate = KlDivergence.between(tf, q, p);
    Operand<TFloat32> total = tf.math.add(tf.math.mean(relaxedDistortion, tf.constant(0)),
        tf.math.mul(tf.constant((float) beta), tf.math.mean(rate, tf.constant(0))));
    Operand<TFloat32> bound = tf.math.neg(tf.math.add(rate, distortion));
    Operand<TFloat32> relaxedBound = tf.math.neg(tf.math.add(rate, relaxedDistortion));
    return new RelaxedElboLoss(total, rate, distortion, bound, relaxedBound, tau);
  }
}
