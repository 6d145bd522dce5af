package dev.vaelab.core.objective;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.Enumerable;
import dev.vaelab.core.distribution.KlDivergence;
import dev.vaelab.core.model.LatentVariableModel;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The evidence lower bound, trained as the rate–distortion loss of note 000, with a rate weight β
 * (β-VAE, Higgins et al. 2017), linear KL warm-up (Sønderby et al. 2016) and free bits (Kingma et
 * al. 2016).
 *
 * <h2>Mathematical details</h2>
 *
 * <pre>
 *   ELBO(y)     = E_{z~q}[ ln P_dec(y|z) ] − KL(P_enc(z|y) ‖ P_pri(z))   ≤ ln p(y)
 *   distortion  = −ln P_dec(y|z),  z = μ + σ ⊙ ε  (one reparameterised sample)
 *   rate        = KL(q ‖ p)  analytic when the pair has a closed form, else ln q(z) − ln p(z)
 *   β_t         = β · min(1, t / T_warmup)           (β_t = β when T_warmup = 0)
 *   loss        = mean_batch(distortion) + β_t · Σ_j max(λ, mean_batch(KL_j))    (free bits λ)
 *               = mean_batch(distortion + β_t · rate)                            when λ = 0
 * </pre>
 *
 * <p>The rate and distortion reported in {@link ElboLoss} are always the unweighted ones, so the
 * ELBO −(rate + distortion) stays a bound on ln p(y) whatever β, warm-up or free bits say.
 *
 * @param beta β ≥ 0, the rate weight
 * @param warmupSteps T_warmup ≥ 0, optimisation steps over which β_t rises linearly from 0 to β
 * @param freeBits λ ≥ 0 nats per latent dimension (0 turns free bits off)
 * @param rateEstimator how the rate is computed
 */
public record Elbo(double beta, long warmupSteps, double freeBits, RateEstimator rateEstimator)
    implements Objective {

  /** Default β = 1: the plain ELBO. */
  public static final double DEFAULT_BETA = 1.0;
  /** Default: no warm-up. */
  public static final long DEFAULT_WARMUP_STEPS = 0;
  /** Default: no free bits. */
  public static final double DEFAULT_FREE_BITS = 0.0;

  /** How the rate KL(enc ‖ pri) is computed. */
  public enum RateEstimator {
    /** Closed form when the pair has one, otherwise Monte Carlo. */
    AUTO,
    /** Closed form; fails if the pair has none. */
    ANALYTIC,
    /** ln q(z) − ln p(z) at the same z that the distortion uses. */
    MONTE_CARLO
  }

  public Elbo {
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("beta must be a finite number >= 0, got " + beta);
    }
    if (warmupSteps < 0) {
      throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
    }
    if (!(freeBits >= 0) || Double.isInfinite(freeBits)) {
      throw new IllegalArgumentException("freeBits must be a finite number >= 0 nats, got " + freeBits);
    }
    if (rateEstimator == null) {
      throw new IllegalArgumentException("rateEstimator must be given");
    }
  }

  /** The plain ELBO: β = 1, no warm-up, no free bits, analytic KL where available. */
  public static Elbo standard() {
    return new Elbo(DEFAULT_BETA, DEFAULT_WARMUP_STEPS, DEFAULT_FREE_BITS, RateEstimator.AUTO);
  }

  /** A copy with another β. */
  public Elbo withBeta(double b) {
    return new Elbo(b, warmupSteps, freeBits, rateEstimator);
  }

  /** A copy with another warm-up length. */
  public Elbo withWarmupSteps(long steps) {
    return new Elbo(beta, steps, freeBits, rateEstimator);
  }

  /** A copy with another free-bits floor λ (nats per latent dimension). */
  public Elbo withFreeBits(double lambda) {
    return new Elbo(beta, warmupSteps, lambda, rateEstimator);
  }

  /** A copy with another rate estimator. */
  public Elbo withRateEstimator(RateEstimator estimator) {
    return new Elbo(beta, warmupSteps, freeBits, estimator);
  }

  @Override
  public String name() {
    return "elbo";
  }

  /** β_t = β · min(1, t / T_warmup): the rate weight after {@code step} steps. */
  public double rateWeightAt(long step) {
    if (warmupSteps == 0) {
      return beta;
    }
    return beta * Math.min(1.0, (double) step / warmupSteps);
  }

  /** Largest number of values of a non-reparameterised latent that the ELBO enumerates exactly. */
  public static final long MAX_ENUMERATED_VALUES = 4096;

  @Override
  public ElboLoss build(
      Ops tf, LatentVariableModel model, Operand<TFloat32> y, ObjectiveContext context) {
    Distribution q = model.encoder().encode(tf, y);
    Distribution p = model.prior().distribution(tf);
    if (!q.isReparameterized()) {
      // a sample of q is not a differentiable function of its parameters: the gradient through
      // one would be silently wrong, so take the expectation exactly over q's values instead
      if (q instanceof Enumerable e && e.supportSize() <= MAX_ENUMERATED_VALUES) {
        return buildEnumerated(tf, model, y, e, p, context);
      }
      throw new IllegalArgumentException(Reparameterization.refusal(q, name(),
          "enumerates a discrete latent of at most " + MAX_ENUMERATED_VALUES + " values exactly"));
    }
    Operand<TFloat32> z =
        q.sample(tf, SampleShape.perExample(tf, y, model.latentSize()), context.seeds().next());
    Operand<TFloat32> distortion = tf.math.neg(model.decoder().decode(tf, z).logProb(tf, y));

    boolean analytic =
        switch (rateEstimator) {
          case ANALYTIC -> true;
          case MONTE_CARLO -> false;
          case AUTO -> KlDivergence.hasAnalytic(q, p);
        };
    if (freeBits > 0 && !(analytic && KlDivergence.hasPerDimension(q, p))) {
      throw new IllegalArgumentException(freeBitsRefusal(q, p));
    }
    Operand<TFloat32> klPerDim = freeBits > 0 ? KlDivergence.perDimension(tf, q, p) : null;
    Operand<TFloat32> rate =
        analytic
            ? KlDivergence.between(tf, q, p)
            : KlDivergence.monteCarlo(tf, q, p, z);
    return assemble(tf, rate, distortion, klPerDim, context);
  }

  /**
   * The ELBO of a discrete encoder taken exactly over its K values z_k:
   *
   * <pre>
   *   distortion = −Σ_k q(z_k|y) ln P_dec(y|z_k)
   *   rate       = KL(q ‖ p)  (closed form if registered, else Σ_k q(z_k|y) [ln q(z_k|y) − ln P_pri(z_k)])
   * </pre>
   *
   * Both are differentiable in q's parameters through the weights q(z_k|y); no sample is drawn.
   */
  private ElboLoss buildEnumerated(Ops tf, LatentVariableModel model, Operand<TFloat32> y, Enumerable q, Distribution p,
      ObjectiveContext context) {
    if (freeBits > 0) {
      throw new IllegalArgumentException(freeBitsRefusal(q, p));
    }
    // the K values, broadcast to [K, batch, event] so that every component sees the batch's shape
    Operand<TFloat32> values = tf.math.add(q.support(tf), tf.expandDims(tf.zerosLike(q.mean(tf)), tf.constant(0)));
    Operand<TFloat32> logQ = q.logProbOfSupport(tf); // [K, batch]
    Operand<TFloat32> weights = tf.math.exp(logQ);
    Operand<TFloat32> logLik = model.decoder().decode(tf, values).logProb(tf, y); // [K, batch]
    Operand<org.tensorflow.types.TInt32> zero = tf.constant(0);
    Operand<TFloat32> distortion = tf.math.neg(tf.reduceSum(tf.math.mul(weights, logLik), zero));
    Operand<TFloat32> rate = rateEstimator != RateEstimator.MONTE_CARLO && KlDivergence.hasAnalytic(q, p)
        ? KlDivergence.between(tf, q, p)
        : tf.reduceSum(tf.math.mul(weights, tf.math.sub(logQ, p.logProb(tf, values))), zero);
    return assemble(tf, rate, distortion, null, context);
  }

  private String freeBitsRefusal(Distribution q, Distribution p) {
    return "free bits floor the KL of each latent dimension, but KL(" + q.getClass().getSimpleName() + " ‖ "
        + p.getClass().getSimpleName() + ") has no closed form per dimension here"
        + (KlDivergence.hasAnalytic(q, p) ? " (its closed form does not split over dimensions)"
            : " and its Monte-Carlo estimate ln q(z) − ln p(z) splits over dimensions only when both factorise over them")
        + "; use free bits with a Gaussian encoder and a Gaussian prior, or set free bits to 0";
  }

  /** total = mean(distortion) + β_t · (mean(rate) or the free-bits rate term); the bound −(rate + distortion). */
  private ElboLoss assemble(Ops tf, Operand<TFloat32> rate, Operand<TFloat32> distortion, Operand<TFloat32> klPerDim,
      ObjectiveContext context) {
    Operand<TFloat32> rateWeight = rateWeight(tf, context.step());
    Operand<TFloat32> rateTerm;
    if (klPerDim != null) {
      // free bits: KL of each latent dimension, averaged over the batch, floored at λ
      Operand<TFloat32> klDim = tf.math.mean(klPerDim, tf.constant(0));
      rateTerm = tf.reduceSum(tf.math.maximum(klDim, tf.constant((float) freeBits)), tf.constant(0));
    } else {
      rateTerm = tf.math.mean(rate, tf.constant(0));
    }
    Operand<TFloat32> total =
        tf.math.add(tf.math.mean(distortion, tf.constant(0)), tf.math.mul(rateWeight, rateTerm));
    Operand<TFloat32> bound = tf.math.neg(tf.math.add(rate, distortion));
    return new ElboLoss(total, rate, distortion, bound, rateWeight);
  }

  private Operand<TFloat32> rateWeight(Ops tf, Operand<TFloat32> step) {
    if (warmupSteps == 0) {
      return tf.constant((float) beta);
    }
    Operand<TFloat32> fraction =
        tf.math.minimum(tf.constant(1f), tf.math.div(step, tf.constant((float) warmupSteps)));
    return tf.math.mul(tf.constant((float) beta), fraction);
  }
}
