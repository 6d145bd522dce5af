package dev.vaelab.lab.families.vae;

import dev.vaelab.core.model.MixtureOfGaussiansPrior;
import dev.vaelab.core.model.PriorFactory;
import dev.vaelab.core.model.VampPrior;
import dev.vaelab.gaussian.ConditionalGaussianPrior;
import dev.vaelab.lab.settings.Choice;
import java.util.Arrays;
import java.util.List;

/**
 * The priors P_pri(z) a continuous VAE can be trained with ({@code --prior}, {@code
 * --prior-components}), typed from the command line to the model. Each kind knows its default
 * number of components, whether a conditional model may use it and whether it replaces the prior of
 * a one-stochastic-layer network only — so these rules live here, once:
 *
 * <ul>
 *   <li>{@code standard}: N(0, I);
 *   <li>{@code mog}: a mixture of K learned diagonal Gaussians (default K = 10);
 *   <li>{@code vamp}: the VampPrior, (1/K) Σ_k q(z | u_k) over K learned pseudo-inputs (Tomczak &
 *       Welling 2018, default K = 500); the pseudo-inputs carry no context, so not for the cvae;
 *   <li>{@code conditional}: a learned N(μ(c), σ²(c)) of the context c (Sohn et al. 2015), for the cvae only.
 * </ul>
 */
public enum PriorKind implements Choice {
  STANDARD("standard", 0, true, false),
  MOG("mog", 10, true, false),
  VAMP("vamp", VampPrior.DEFAULT_COMPONENTS, false, false),
  CONDITIONAL("conditional", 0, true, true);

  /** Hidden size of the conditional prior's network. */
  static final long CONDITIONAL_HIDDEN = 64;

  private final String id;
  private final int defaultComponents;
  private final boolean allowsConditioning;
  private final boolean needsConditioning;

  PriorKind(String id, int defaultComponents, boolean allowsConditioning, boolean needsConditioning) {
    this.id = id;
    this.defaultComponents = defaultComponents;
    this.allowsConditioning = allowsConditioning;
    this.needsConditioning = needsConditioning;
  }

  @Override
  public String id() {
    return id;
  }

  /** K when none is given (0 for a prior without components). */
  public int defaultComponents() {
    return defaultComponents;
  }

  /** Whether the prior has components (a mixture's K, the VampPrior's pseudo-inputs). */
  public boolean hasComponents() {
    return defaultComponents > 0;
  }

  /** The kinds a model with ({@code conditioned}) or without a context may use, in declaration order. */
  public static List<PriorKind> allowed(boolean conditioned) {
    return Arrays.stream(values()).filter(p -> conditioned ? p.allowsConditioning : !p.needsConditioning).toList();
  }

  /**
   * Checks that a model with ({@code conditioned}) or without a context may use this prior, and
   * returns its number of components: the given K ≥ 1, or the default when K = 0; 0 for priors
   * without components (any other K is refused).
   */
  public int components(int k, boolean conditioned) {
    List<PriorKind> allowed = allowed(conditioned);
    if (!allowed.contains(this)) {
      throw new IllegalArgumentException("prior must be one of " + allowed.stream().map(PriorKind::id).toList() + ", got '" + id + "'");
    }
    if (k < 0) {
      throw new IllegalArgumentException("prior_components must be >= 0 (0 = the prior's default), got " + k);
    }
    if (!hasComponents() && k != 0) {
      throw new IllegalArgumentException("prior_components = " + k + " needs --prior mog or vamp; the " + id + " prior has no components");
    }
    return k == 0 ? defaultComponents : k;
  }

  /** The factory of this prior with K components (checked by {@link #components}) for examples of {@code dataSize} values. */
  public PriorFactory factory(int k, long dataSize) {
    return switch (this) {
      case STANDARD -> PriorFactory.STANDARD_NORMAL;
      case MOG -> MixtureOfGaussiansPrior.withComponents(k);
      case VAMP -> VampPrior.withPseudoInputs(k, dataSize);
      case CONDITIONAL -> ConditionalGaussianPrior.withHidden(CONDITIONAL_HIDDEN);
    };
  }
}
