package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.Gaussian;
import dev.vaelab.core.model.Decoder;
import dev.vaelab.core.nn.Activation;
import dev.vaelab.core.nn.Mlp;
import dev.vaelab.core.nn.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.Constant;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * P_dec(y|z) = N(y; f(z), σ² I) with an MLP mean f (note 004's nonlinear latent variable model);
 * σ is either fixed or a learned per-pixel parameter ln σ_j initialised at ln σ₀.
 *
 * <pre>
 *   −ln P_dec(y|z) = ½ Σ_j [ ln 2π + ln σ_j² + (y_j − f_j(z))² / σ_j² ]
 * </pre>
 */
public final class GaussianDecoder implements Decoder, MeanGradient {
  /** The name of the learned ln σ parameter (one per output dimension). */
  public static final String LOG_SIGMA = "dec_log_sigma";
  private final Mlp net;
  private final double sigma;
  private final Operand<TFloat32> logSigma;

  /**
   * @param sigma σ₀ &gt; 0: the fixed σ, or the initial σ when learned
   * @param learnSigma whether ln σ is a trainable parameter (one per output dimension)
   */
  public GaussianDecoder(
      Parameters params, long latentSize, long[] hidden, long dataSize, Activation activation, double sigma, boolean learnSigma, long seed) {
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("decoder sigma must be a finite number > 0, got " + sigma);
    }
    this.net = new Mlp(params, "dec", GaussianVae.sizes(latentSize, hidden, dataSize), activation, seed);
    this.sigma = sigma;
    this.logSigma = learnSigma ? params.create(LOG_SIGMA, Shape.of(dataSize), new Constant<>(Math.log(sigma))) : null;
  }

  @Override
  public Distribution decode(Ops tf, Operand<TFloat32> z) {
    Operand<TFloat32> mean = net.apply(tf, z);
    return logSigma == null ? Gaussian.withFixedSigma(tf, mean, sigma) : Gaussian.withLearnedSigma(tf, mean, logSigma);
  }

  /** ∇_z Σ_j μ_j(z): the mean is the network's output. */
  @Override
  public Operand<TFloat32> meanGradient(Ops tf, Operand<TFloat32> z) {
    return net.vectorJacobian(tf, z, null, null);
  }
}
