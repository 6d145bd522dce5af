package dev.vaelab.lab.families.vq;

import dev.vaelab.lab.settings.Choice;

/**
 * The prior over a VQ-VAE's code maps fitted after training ({@code --code-prior}): a categorical
 * per position fitted to the training codes, or a gated PixelCNN trained on them (van den Oord et al. 2016).
 */
public enum CodePriorKind implements Choice {
  INDEPENDENT("independent"),
  PIXELCNN("pixelcnn");

  private final String id;

  CodePriorKind(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }
}
