package dev.vaelab.iwae;

import dev.vaelab.core.eval.LogWeights;
import dev.vaelab.core.math.LogSumExp;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.objective.ObjectiveContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MIWAE of Rainforth et al. (2018), "Tighter variational bounds are not necessarily better": the
 * average of M independent importance-weighted bounds of K samples each,
 *
 * <pre>
 *   L_{M,K}(y) = (1/M) Σ_m ln (1/K) Σ_k w_{m,k},   w_{m,k} = P_pri(z_{m,k}) P_dec(y|z_{m,k}) / P_enc(z_{m,k}|y)
 * </pre>
 *
 * M = 1 is the IWAE bound L_K; K = 1 the ELBO averaged over M samples. With M·K samples fixed,
 * a larger M gives the encoder a gradient of higher signal-to-noise ratio at the price of a looser
 * bound (their Theorem 1: the encoder's SNR falls as O(1/√K), rises as O(√M)).
 *
 * @param m number of bounds averaged (≥ 1)
 * @param k importance samples per bound (≥ 1)
 */
public record MiwaeBound(int m, int k) implements Objective {
  public MiwaeBound {
    checkSamples(m, k);
  }

  static void checkSamples(int m, int k) {
    if (m < 1) {
      throw new IllegalArgumentException("number of bounds M must be >= 1, got " + m);
    }
    if (k < 1) {
      throw new IllegalArgumentException("importance samples per bound K must be >= 1, got " + k);
    }
    if ((long) m * k > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("M·K = " + ((long) m * k) + " samples per example is too many");
    }
  }

  @Override
  public String name() {
    return "miwae-" + m + "x" + k;
  }

  @Override
  public IwaeLoss build(Ops tf, LatentVariableModel model, Operand<TFloat32> y, ObjectiveContext context) {
    LogWeights lw = IwaeLoss.draw(tf, model, y, (long) m * k, context, name());
    Operand<TFloat32> bound = perExample(tf, lw.logWeights(), m, k);
    return IwaeLoss.of(tf, model, lw, tf.math.neg(tf.math.mean(bound, tf.constant(0))), bound);
  }

  /** (1/M) Σ_m logmeanexp_k of log-weights {@code [M·K, batch]} (sample m·K + k): {@code [batch]}. */
  static Operand<TFloat32> perExample(Ops tf, Operand<TFloat32> logWeights, int m, int k) {
    Operand<TFloat32> grouped = tf.reshape(logWeights, tf.constant(new long[] {m, k, -1}));
    return tf.math.mean(LogSumExp.logMeanExp(tf, grouped, 1), tf.constant(0));
  }
}
