package dev.vaelab.lab.families.vae;

import dev.vaelab.core.model.MixtureOfGaussiansPrior;
import dev.vaelab.core.model.PriorFactory;
import dev.vaelab.core.model.VampPrior;
import dev.vaelab.gaussian.ConditionalGaussianPrior;
import java.util.List;

/**
 * The priors a continuous VAE can be trained with ({@code --prior}, {@code --prior-components}):
 * standard N(0, I); mog, a mixture of K learned diagonal Gaussians (default K = 10); vamp, the
 * VampPrior with K pseudo-inputs (Tomczak & Welling 2018, default K = 500); and for the conditional
 * VAE, conditional, a learned N(μ(c), σ²(c)) (Sohn et al. 2015).
 */
final class Priors {
  static final String STANDARD = "standard";
  static final String MOG = "mog";
  static final String VAMP = "vamp";
  static final String CONDITIONAL = "conditional";
  /** The unconditioned models' choices. */
  static final List<String> UNCONDITIONED = List.of(STANDARD, MOG, VAMP);
  /** The conditional VAE's choices (the VampPrior's pseudo-inputs carry no context). */
  static final List<String> CONDITIONED = List.of(STANDARD, MOG, CONDITIONAL);
  /** K of the learned mixture prior when none is given. */
  static final int DEFAULT_MOG_COMPONENTS = 10;
  /** Hidden size of the conditional prior's network. */
  static final long CONDITIONAL_HIDDEN = 64;

  private Priors() {}

  /**
   * Checks the prior's name and returns its number of components: the given K ≥ 1, or the prior's
   * default when K = 0; 0 for priors without components (any other K is refused).
   */
  static int components(String prior, int k, List<String> allowed) {
    if (prior == null || !allowed.contains(prior)) {
      throw new IllegalArgumentException("prior must be one of " + allowed + ", got " + (prior == null ? "null" : "'" + prior + "'"));
    }
    if (k < 0) {
      throw new IllegalArgumentException("prior_components must be >= 0 (0 = the prior's default), got " + k);
    }
    return switch (prior) {
      case MOG -> k == 0 ? DEFAULT_MOG_COMPONENTS : k;
      case VAMP -> k == 0 ? VampPrior.DEFAULT_COMPONENTS : k;
      default -> {
        if (k != 0) {
          throw new IllegalArgumentException("prior_components = " + k + " needs --prior mog or vamp; the " + prior + " prior has no components");
        }
        yield 0;
      }
    };
  }

  /** The factory of a prior whose name and K were checked by {@link #components}. */
  static PriorFactory factory(String prior, int k, long dataSize) {
    return switch (prior) {
      case STANDARD -> PriorFactory.STANDARD_NORMAL;
      case MOG -> MixtureOfGaussiansPrior.withComponents(k);
      case VAMP -> VampPrior.withPseudoInputs(k, dataSize);
      case CONDITIONAL -> ConditionalGaussianPrior.withHidden(CONDITIONAL_HIDDEN);
      default -> throw new IllegalArgumentException("unknown prior '" + prior + "'");
    };
  }
}
