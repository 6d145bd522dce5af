package dev.vaelab.iwae;

import dev.vaelab.core.eval.LogWeights;
import dev.vaelab.core.math.LogSumExp;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.objective.ObjectiveContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * PIWAE of Rainforth et al. (2018): on the same M·K samples, the decoder (and prior) θ follow the
 * IWAE bound of all M·K samples and the encoder φ follows the MIWAE bound of M groups of K,
 *
 * <pre>
 *   Δθ ∝ ∇_θ L_{MK}(y),   Δφ ∝ ∇_φ L_{M,K}(y)   (L_{M,K} = (1/M) Σ_m ln (1/K) Σ_k w_{m,k})
 * </pre>
 *
 * One loss carries both: with f = ln P_dec(y|z) + ln P_pri(z) at z held fixed and w̃ the normalised
 * weights (no gradient), ∇_θ L = Σ w̃_i ∇_θ f(z_i) for either bound, so
 *
 * <pre>
 *   surrogate = Σ_i w̃_i^{(MK)} f(z_i) + L_{M,K} − (1/M) Σ_m Σ_k w̃_{m,k}^{(K)} f(z_{m,k})
 * </pre>
 *
 * has the IWAE gradient in θ and the MIWAE gradient in φ; the loss's value is −L_{MK} and its
 * per-example bound L_{MK}. (A prior defined through the encoder, the VampPrior, puts φ inside f:
 * its pseudo-input path then gets the IWAE gradient too.)
 *
 * @param m number of groups for the encoder's bound
 * @param k samples per group
 */
public record PiwaeBound(int m, int k) implements Objective {
  public PiwaeBound {
    MiwaeBound.checkSamples(m, k);
  }

  @Override
  public String name() {
    return "piwae-" + m + "x" + k;
  }

  @Override
  public IwaeLoss build(Ops tf, LatentVariableModel model, Operand<TFloat32> y, ObjectiveContext context) {
    LogWeights lw = IwaeLoss.draw(tf, model, y, (long) m * k, context, name());
    Operand<TInt32> zero = tf.constant(0);
    Operand<TFloat32> f = IwaeLoss.logJointAtFixedZ(tf, model, y, lw);
    Operand<TFloat32> iwae = LogSumExp.logMeanExp(tf, lw.logWeights(), 0);
    Operand<TFloat32> miwae = MiwaeBound.perExample(tf, lw.logWeights(), m, k);
    // θ: Σ_i w̃_i f(z_i) over all M·K samples
    Operand<TFloat32> thetaIwae = tf.reduceSum(tf.math.mul(IwaeLoss.normalisedWeights(tf, lw.logWeights()), f), zero);
    // the θ gradient MIWAE would give, to be removed from it: (1/M) Σ_m Σ_k w̃_{m,k} f(z_{m,k}), w̃ within group m
    long[] groups = {m, k, -1};
    Operand<TFloat32> groupedLogW = tf.reshape(lw.logWeights(), tf.constant(groups));
    Operand<TFloat32> wGroup = tf.stopGradient(tf.math.exp(tf.math.sub(groupedLogW, tf.expandDims(LogSumExp.logSumExp(tf, groupedLogW, 1), tf.constant(1)))));
    Operand<TFloat32> thetaMiwae =
        tf.math.mean(tf.reduceSum(tf.math.mul(wGroup, tf.reshape(f, tf.constant(groups))), tf.constant(1)), zero);
    Operand<TFloat32> surrogate = tf.math.mean(tf.math.add(thetaIwae, tf.math.sub(miwae, thetaMiwae)), zero);
    Operand<TFloat32> negBound = tf.math.neg(tf.math.mean(iwae, zero));
    Operand<TFloat32> total = tf.math.sub(tf.stopGradient(negBound), tf.math.sub(surrogate, tf.stopGradient(surrogate)));
    return IwaeLoss.of(tf, model, lw, total, iwae);
  }
}
