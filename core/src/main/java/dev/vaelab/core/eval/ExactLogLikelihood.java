package dev.vaelab.core.eval;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.Enumerable;
import dev.vaelab.core.math.LogSumExp;
import dev.vaelab.core.model.LatentVariableModel;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The exact log-likelihood of a triad whose prior has finitely many values (a Gaussian mixture,
 * a categorical latent), by enumerating them:
 *
 * <pre>
 *   ln p(y) = ln Σ_k P_pri(z_k) P_dec(y | z_k)
 * </pre>
 */
public final class ExactLogLikelihood {
  private ExactLogLikelihood() {}

  /**
   * ln p(y) of every row of {@code y} ({@code [batch, D]}), shape {@code [batch]}.
   *
   * @throws IllegalArgumentException when the prior cannot be enumerated
   */
  public static Operand<TFloat32> of(Ops tf, LatentVariableModel model, Operand<TFloat32> y) {
    Distribution p = model.prior().distribution(tf);
    if (!(p instanceof Enumerable e)) {
      throw new IllegalArgumentException("the exact log-likelihood needs a prior with finitely many values, got "
          + p.getClass().getSimpleName() + "; use the importance-sampled estimate");
    }
    if (p.mean(tf).shape().numDimensions() != 1) {
      throw new IllegalArgumentException("the exact log-likelihood needs a prior without batch axes (shared by every example)");
    }
    Operand<TFloat32> values = tf.expandDims(e.support(tf), tf.constant(1)); // [K, 1, event]: one axis for the data's rows
    Operand<TFloat32> logPrior = e.logProbOfSupport(tf); // [K]
    Operand<TFloat32> logLik = model.decoder().decode(tf, values).logProb(tf, y); // [K, batch]
    // ln P_pri(z_k) [K] against ln P_dec(y|z_k) [K, batch]
    Operand<TFloat32> joint = tf.math.add(logLik, tf.expandDims(logPrior, tf.constant(-1)));
    return LogSumExp.logSumExp(tf, joint, 0);
  }
}
