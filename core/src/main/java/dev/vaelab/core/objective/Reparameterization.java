package dev.vaelab.core.objective;

import dev.vaelab.core.distribution.Distribution;

/**
 * The check every objective makes before it differentiates through a sample of the encoder: only a
 * reparameterised sample (z = g(ε, θ)) carries the gradient of its parameters. A non-reparameterised
 * latent must be handled explicitly (enumerated, relaxed, or given a score-function term) or refused
 * when the graph is built, never trained on a silently wrong gradient.
 */
public final class Reparameterization {
  private Reparameterization() {}

  /**
   * The message refusing {@code q} in {@code objective}.
   *
   * @param handles what the objective does handle, for the message
   */
  public static String refusal(Distribution q, String objective, String handles) {
    return "objective " + objective + " cannot train the encoder's " + q.getClass().getSimpleName()
        + ": its samples are not reparameterised, so a gradient through them would be wrong; this objective "
        + handles + " — use a reparameterised (e.g. relaxed) distribution or an objective that handles this one";
  }

  /** Throws {@link IllegalArgumentException} with {@link #refusal} unless {@code q} is reparameterised. */
  public static void require(Distribution q, String objective, String handles) {
    if (!q.isReparameterized()) {
      throw new IllegalArgumentException(refusal(q, objective, handles));
    }
  }
}
