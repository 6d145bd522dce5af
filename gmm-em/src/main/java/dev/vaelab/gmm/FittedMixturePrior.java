package dev.vaelab.gmm;

import dev.vaelab.core.distribution.MixtureOfDiagonalGaussians;
import dev.vaelab.core.model.PriorFactory;
import org.tensorflow.op.Ops;

/**
 * A fixed prior p(z) = Σ_n λ_n N(z; μ_n, diag σ_n²) taken from a mixture fitted by EM (for instance
 * to the posterior means of a trained VAE, or loaded from a gmm run's {@code mixture.json}). Its
 * parameters are constants of the graph: they are not trained. Diagonal (and spherical) fits
 * become core's {@link MixtureOfDiagonalGaussians}; full (and tied) ones a full-covariance mixture
 * built on the mixture triad's component Gaussian.
 */
public final class FittedMixturePrior {
  private FittedMixturePrior() {}

  /** A prior factory for a VAE whose latent size is the mixture's dimension. */
  public static PriorFactory of(MixtureParameters p) {
    int k = p.components();
    int d = p.dimension();
    float[] logits = new float[k];
    float[][] means = new float[k][d];
    float[][] logVars = new float[k][d];
    for (int n = 0; n < k; n++) {
      logits[n] = (float) Math.log(p.weights()[n]);
      for (int i = 0; i < d; i++) {
        means[n][i] = (float) p.means()[n][i];
        logVars[n][i] = (float) Math.log(p.covariances()[n][i][i]);
      }
    }
    boolean diagonal = isDiagonal(p);
    return (tf, params, encoder, latentSize, conditioning, seed) -> {
      if (latentSize != d) {
        throw new IllegalArgumentException("the fitted mixture is over " + d + " dimensions, the model's latent has " + latentSize);
      }
      return diagonal
          ? (Ops t) -> new MixtureOfDiagonalGaussians(t.constant(logits), t.constant(means), t.constant(logVars))
          : (Ops t) -> MixtureTriad.mixtureOf(t, p);
    };
  }

  private static boolean isDiagonal(MixtureParameters p) {
    for (double[][] s : p.covariances()) {
      for (int i = 0; i < s.length; i++) {
        for (int j = 0; j < s.length; j++) {
          if (i != j && s[i][j] != 0) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
