package dev.vaelab.lab.families.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaelab.core.model.VampPrior;
import org.junit.jupiter.api.Test;

/** The rules of the priors, in one place: default K, conditioning, the one-layer rule. */
class PriorKindTest {
  @Test
  void eachKindKnowsItsDefaultComponentsAndWhereItMayBeUsed() {
    assertThat(PriorKind.MOG.components(0, false)).isEqualTo(10);
    assertThat(PriorKind.VAMP.components(0, false)).isEqualTo(VampPrior.DEFAULT_COMPONENTS).isEqualTo(500);
    assertThat(PriorKind.VAMP.components(7, false)).isEqualTo(7);
    assertThat(PriorKind.STANDARD.components(0, true)).isZero();
    assertThat(PriorKind.allowed(false)).containsExactly(PriorKind.STANDARD, PriorKind.MOG, PriorKind.VAMP);
    assertThat(PriorKind.allowed(true)).containsExactly(PriorKind.STANDARD, PriorKind.MOG, PriorKind.CONDITIONAL);
    assertThatThrownBy(() -> PriorKind.VAMP.components(0, true)).hasMessage("prior must be one of [standard, mog, conditional], got 'vamp'");
    assertThatThrownBy(() -> PriorKind.CONDITIONAL.components(0, false)).hasMessage("prior must be one of [standard, mog, vamp], got 'conditional'");
    assertThatThrownBy(() -> PriorKind.STANDARD.components(3, false)).hasMessageContaining("needs --prior mog or vamp");
    assertThatThrownBy(() -> PriorKind.MOG.components(-1, false)).hasMessageContaining("prior_components must be >= 0");
  }

  @Test
  void theNetworkCheckAppliesTheKindsRules() {
    assertThat(VaeNetwork.check(new long[] {8}, 2, DecoderKind.BERNOULLI, 0, PriorKind.MOG, 0, false).priorComponents()).isEqualTo(10);
    assertThatThrownBy(() -> VaeNetwork.check(new long[] {400}, 20, DecoderKind.BERNOULLI, 2, PriorKind.VAMP, 0, false))
        .hasMessageContaining("--layers 2 has its own learned p(z₁|z₂) p(z₂) prior; --prior vamp is for one stochastic layer");
  }
}
