package dev.vaelab.lab.families.vae;

import dev.vaelab.lab.settings.Choice;

/** The encoder of a Wasserstein autoencoder ({@code --encoder}): deterministic (the paper's experiments) or Gaussian. */
public enum EncoderKind implements Choice {
  DETERMINISTIC("deterministic"),
  GAUSSIAN("gaussian");

  private final String id;

  EncoderKind(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }
}
