package dev.vaelab.lab.families.vae;

import dev.vaelab.gaussian.FlowVae;
import dev.vaelab.lab.settings.Choice;

/**
 * The posterior P_enc(z|y) of a Gaussian VAE ({@code --posterior}): the diagonal Gaussian, or a normalising flow on it
 * — planar steps (Rezende and Mohamed 2015) or inverse autoregressive steps (Kingma et al. 2016).
 */
public enum PosteriorKind implements Choice {
  GAUSSIAN("gaussian", null),
  PLANAR("planar", FlowVae.Kind.PLANAR),
  IAF("iaf", FlowVae.Kind.IAF);

  private final String id;
  private final FlowVae.Kind flow;

  PosteriorKind(String id, FlowVae.Kind flow) {
    this.id = id;
    this.flow = flow;
  }

  @Override
  public String id() {
    return id;
  }

  /** The flow's kind, or null for the diagonal Gaussian. */
  public FlowVae.Kind flow() {
    return flow;
  }
}
