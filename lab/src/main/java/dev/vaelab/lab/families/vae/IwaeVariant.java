package dev.vaelab.lab.families.vae;

import dev.vaelab.lab.settings.Choice;

/**
 * The importance-weighted objectives of {@code --variant} (Burda et al. 2015; Rainforth et al. 2018):
 * the bound L_k; MIWAE, M bounds of k samples averaged; PIWAE, the IWAE gradient for the decoder and
 * MIWAE's for the encoder; CIWAE, β·ELBO + (1−β)·L_k. Only the plain bound takes the DReG gradient,
 * and only MIWAE and PIWAE take M.
 */
public enum IwaeVariant implements Choice {
  IWAE("iwae"), MIWAE("miwae"), PIWAE("piwae"), CIWAE("ciwae");

  private final String id;

  IwaeVariant(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  /** Whether the variant averages M bounds (MIWAE, PIWAE). */
  public boolean takesM() {
    return this == MIWAE || this == PIWAE;
  }
}
