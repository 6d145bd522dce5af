package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.model.PriorFactory;
import dev.vaelab.core.nn.Activation;
import dev.vaelab.core.nn.Mlp;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The conditional prior p(z | c) = N(z; μ(c), diag σ²(c)) of a conditional VAE (Sohn et al. 2015,
 * their "prior network"): an MLP c → [μ, ln σ²] trained with the rest. The KL to the encoder's
 * diagonal Gaussian stays analytic (per example, since the prior's parameters have the batch axis).
 */
public final class ConditionalGaussianPrior {
  private ConditionalGaussianPrior() {}

  /** A factory with the given hidden sizes (e.g. {@code {64}}); needs a conditional model. */
  public static PriorFactory withHidden(long... hidden) {
    long[] h = hidden.clone();
    return (tf, params, encoder, d, conditioning, seed) -> {
      if (!conditioning.isPresent()) {
        throw new IllegalArgumentException("the conditional prior p(z|c) needs a conditional model (contextSize > 0)");
      }
      long[] sizes = GaussianVae.sizes(conditioning.size(), h, 2 * d);
      Mlp net = new Mlp(params, "prior_net", sizes, Activation.RELU, seed);
      return t -> {
        Operand<TFloat32> out = net.apply(t, conditioning.context());
        Operand<TFloat32> mu = t.slice(out, t.constant(new int[] {0, 0}), t.constant(new int[] {-1, (int) d}));
        Operand<TFloat32> logVar = t.slice(out, t.constant(new int[] {0, (int) d}), t.constant(new int[] {-1, (int) d}));
        return new DiagonalGaussian(mu, logVar);
      };
    };
  }
}
