package dev.vaelab.core.model;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.MixtureOfDiagonalGaussians;
import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.Zeros;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A learned prior p(z) = Σ_k π_k N(z; μ_k, diag σ_k²) with K components whose weights (π =
 * softmax(ℓ)), means and log-variances are trained with the rest of the model. The means start
 * spread out (a fixed pseudo-random draw from N(0, I), from the seed), the variances at 1, the
 * weights equal. The rate KL(q ‖ p) has no closed form, so the ELBO estimates it by Monte Carlo.
 */
public final class MixtureOfGaussiansPrior implements Prior {
  private final Operand<TFloat32> logits;
  private final Operand<TFloat32> means;
  private final Operand<TFloat32> logVariances;

  private MixtureOfGaussiansPrior(Operand<TFloat32> logits, Operand<TFloat32> means, Operand<TFloat32> logVariances) {
    this.logits = logits;
    this.means = means;
    this.logVariances = logVariances;
  }

  /** A factory for a VAE: K components, parameters named {@code prior_*}. */
  public static PriorFactory withComponents(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("number of prior components K must be >= 1, got " + k);
    }
    return (tf, params, encoder, d, conditioning, seed) -> {
      Operand<TFloat32> logits = params.create("prior_logits", Shape.of(k), new Zeros<>());
      Operand<TFloat32> means = params.create("prior_means", Shape.of(k, d),
          new org.tensorflow.framework.initializers.RandomNormal<>(0.0, 1.0, seed));
      Operand<TFloat32> logVars = params.create("prior_log_variances", Shape.of(k, d), new Zeros<>());
      return new MixtureOfGaussiansPrior(logits, means, logVars);
    };
  }

  @Override
  public Distribution distribution(Ops tf) {
    return new MixtureOfDiagonalGaussians(logits, means, logVariances);
  }
}
