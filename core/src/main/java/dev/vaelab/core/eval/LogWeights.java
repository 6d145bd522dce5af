package dev.vaelab.core.eval;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.objective.SampleShape;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The k importance log-weights of a batch, shared by the importance-weighted bound and the
 * log-likelihood estimator:
 *
 * <pre>
 *   z_i ~ P_enc(z|y),   ln w_i = ln P_dec(y|z_i) + ln P_pri(z_i) − ln P_enc(z_i|y),   i = 1..k
 * </pre>
 *
 * (note 000's importance-sampling derivation of the ELBO: p(y) = E_{z~enc}[P_pri(z) P_dec(y|z) /
 * P_enc(z|y)]). All tensors have shape {@code [k, batch]}, z has {@code [k, batch, d]}.
 *
 * @param q the encoder's distribution for the batch
 * @param z the samples
 * @param logLikelihood ln P_dec(y|z_i)
 * @param logPrior ln P_pri(z_i)
 * @param logPosterior ln P_enc(z_i|y)
 * @param logWeights ln w_i
 */
public record LogWeights(
    Distribution q,
    Operand<TFloat32> z,
    Operand<TFloat32> logLikelihood,
    Operand<TFloat32> logPrior,
    Operand<TFloat32> logPosterior,
    Operand<TFloat32> logWeights) {

  /** Draws k samples per example of {@code y} ({@code [batch, D]}) and computes their log-weights. */
  public static LogWeights of(Ops tf, LatentVariableModel model, Operand<TFloat32> y, long k, Seed seed) {
    Distribution q = model.encoder().encode(tf, y);
    Operand<TFloat32> z = q.sample(tf, SampleShape.samplesPerExample(tf, y, k, model.latentSize()), seed);
    return at(tf, model, y, q, z);
  }

  /** The log-weights at given samples z ({@code [k, batch, d]}) of q. */
  public static LogWeights at(Ops tf, LatentVariableModel model, Operand<TFloat32> y, Distribution q, Operand<TFloat32> z) {
    Operand<TFloat32> logLik = model.decoder().decode(tf, z).logProb(tf, y);
    Operand<TFloat32> logPrior = model.prior().distribution(tf).logProb(tf, z);
    Operand<TFloat32> logQ = q.logProb(tf, z);
    Operand<TFloat32> logW = tf.math.sub(tf.math.add(logLik, logPrior), logQ);
    return new LogWeights(q, z, logLik, logPrior, logQ, logW);
  }
}
