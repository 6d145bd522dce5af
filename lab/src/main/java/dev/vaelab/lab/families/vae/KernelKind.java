package dev.vaelab.lab.families.vae;

import dev.vaelab.gaussian.MmdKernel;
import dev.vaelab.lab.settings.Choice;

/** The MMD kernel of the WAE and InfoVAE families ({@code --kernel}): RBF or inverse multiquadratic. */
public enum KernelKind implements Choice {
  RBF("rbf", MmdKernel.RBF),
  IMQ("imq", MmdKernel.IMQ);

  private final String id;
  private final MmdKernel kernel;

  KernelKind(String id, MmdKernel kernel) {
    this.id = id;
    this.kernel = kernel;
  }

  @Override
  public String id() {
    return id;
  }

  /** The kernel. */
  public MmdKernel kernel() {
    return kernel;
  }
}
