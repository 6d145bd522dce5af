package dev.vaelab.lab.families.vae;

import dev.vaelab.gaussian.GaussianVae;
import dev.vaelab.lab.settings.Choice;

/**
 * The decoder's likelihood P_dec(y|z) of the Gaussian-latent families ({@code --decoder}), typed from
 * the command line to the model: Bernoulli logits on binarised pixels, or a Gaussian on grey levels
 * with a fixed or a learned σ. Only the Bernoulli decoder wants binarised data.
 */
public enum DecoderKind implements Choice {
  BERNOULLI("bernoulli", GaussianVae.DecoderType.BERNOULLI),
  GAUSSIAN("gaussian", GaussianVae.DecoderType.GAUSSIAN_FIXED_SIGMA),
  GAUSSIAN_LEARNED("gaussian-learned", GaussianVae.DecoderType.GAUSSIAN_LEARNED_SIGMA);

  private final String id;
  private final GaussianVae.DecoderType type;

  DecoderKind(String id, GaussianVae.DecoderType type) {
    this.id = id;
    this.type = type;
  }

  @Override
  public String id() {
    return id;
  }

  /** The model's decoder type. */
  public GaussianVae.DecoderType type() {
    return type;
  }

  /** Whether the decoder is Bernoulli (the data are binarised) rather than Gaussian (grey levels). */
  public boolean binary() {
    return this == BERNOULLI;
  }
}
