package dev.vaelab.gmm;

import dev.vaelab.core.distribution.Categorical;
import dev.vaelab.core.model.Decoder;
import dev.vaelab.core.model.Encoder;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.Prior;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The Gaussian mixture as core's triad (note 000):
 *
 * <pre>
 *   P_pri(z)      = Categorical(λ)                                         (prior)
 *   P_dec(y | z)  = N(y; μ_z, Σ_z)                                         (decoder, {@link ComponentGaussian})
 *   P_enc(z | y)  = Categorical(ℓ),  ℓ_n = ln λ'_n + ln N(y; μ'_n, Σ'_n)   (encoder: the exact posterior of θ')
 * </pre>
 *
 * With θ' = θ the encoder is the exact posterior, the KL gap is zero and core's {@code Elbo} (which
 * enumerates the categorical latent) equals ln p(y) — the state right after an E-step; with θ' the
 * parameters before the M-step it is the ELBO before the next E-step, lower than ln p(y; θ). EM
 * itself ({@link GaussianMixture}) keeps its float64 graph for precision; this float32 view exists
 * so that the same claim is checked through core's own objective.
 */
public final class MixtureTriad {
  private MixtureTriad() {}

  /** The triad of θ with its exact posterior as encoder (after an E-step). */
  public static LatentVariableModel of(Ops tf, MixtureParameters theta) {
    return of(tf, theta, theta);
  }

  /**
   * The triad with prior and decoder from {@code theta} and the encoder the exact posterior of
   * {@code encoderTheta} (the responsibilities of an earlier E-step).
   */
  public static LatentVariableModel of(Ops tf, MixtureParameters encoderTheta, MixtureParameters theta) {
    if (encoderTheta.components() != theta.components() || encoderTheta.dimension() != theta.dimension()) {
      throw new IllegalArgumentException("encoder and model parameters differ in K or D: " + encoderTheta.components() + "×"
          + encoderTheta.dimension() + " vs " + theta.components() + "×" + theta.dimension());
    }
    int k = theta.components();
    int d = theta.dimension();
    Operand<TFloat32> logWeights = tf.constant(toFloat(logs(theta.weights())));
    Prior prior = t -> new Categorical(logWeights);
    Decoder decoder = (t, z) -> decoderOf(t, z, theta);
    Encoder encoder = (t, y) -> {
      ComponentGaussian old = decoderOf(t, t.zeros(t.constant(new long[] {1, k}), TFloat32.class), encoderTheta);
      Operand<TFloat32> logits = t.math.add(old.componentLogDensities(t, y), t.constant(toFloat(logs(encoderTheta.weights()))));
      return new Categorical(logits);
    };
    return new LatentVariableModel(encoder, prior, decoder, d, k);
  }

  /** The mixture p(z) = Σ_n λ_n N(z; μ_n, Σ_n) of θ as a distribution (full covariances). */
  static FullCovarianceMixture mixtureOf(Ops tf, MixtureParameters theta) {
    Operand<TFloat32> logWeights = tf.constant(toFloat(logs(theta.weights())));
    return new FullCovarianceMixture(logWeights, z -> decoderOf(tf, z, theta), theta.components(), theta.dimension());
  }

  private static ComponentGaussian decoderOf(Ops tf, Operand<TFloat32> z, MixtureParameters p) {
    int k = p.components();
    int d = p.dimension();
    float[][][] prec = new float[k][][];
    float[][][] lower = new float[k][][];
    float[] logDets = new float[k];
    for (int n = 0; n < k; n++) {
      double[][] l = Cholesky.lower(p.covariances()[n], n);
      prec[n] = toFloat(Cholesky.precisionFactor(l));
      lower[n] = toFloat(l);
      logDets[n] = (float) Cholesky.logDet(l);
    }
    return new ComponentGaussian(z, tf.constant(toFloat(p.means())), tf.constant(prec), tf.constant(lower), tf.constant(logDets), d);
  }

  private static double[] logs(double[] w) {
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = Math.log(w[i]);
    }
    return out;
  }

  private static float[] toFloat(double[] a) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) a[i];
    }
    return out;
  }

  private static float[][] toFloat(double[][] a) {
    float[][] out = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = toFloat(a[i]);
    }
    return out;
  }
}
