package dev.vaelab.iwae;

import java.util.Arrays;
import java.util.Locale;

/** How the gradient of the importance-weighted bound reaches the encoder. */
public enum GradientEstimator {
  /**
   * The reparameterised IWAE gradient of Burda et al. (2015): differentiate ln (1/k) Σ w_i
   * through z_i = g(ε_i, φ) and through ln P_enc(z_i|y). Its signal-to-noise ratio for the encoder
   * falls as k grows (Rainforth et al. 2018).
   */
  IWAE("iwae"),
  /**
   * The doubly-reparameterised gradient (DReG) of Tucker, Lawson, Gu and Maddison (2018): for the
   * encoder, ∇_φ L_k = E[ Σ_i w̃_i² ∂ln w_i/∂z_i · ∂z_i/∂φ ] with w̃ the normalised weights and
   * ln P_enc differentiated only through z. Same expectation, lower variance; zero when the
   * encoder is the exact posterior. The decoder and prior keep the IWAE gradient.
   */
  DREG("dreg");

  private final String id;

  GradientEstimator(String id) {
    this.id = id;
  }

  /** The name used on the command line and in configuration files. */
  public String id() {
    return id;
  }

  /** Looks an estimator up by its name ({@code iwae} or {@code dreg}, any case). */
  public static GradientEstimator fromName(String name) {
    for (GradientEstimator g : values()) {
      if (g.id.equals(name.toLowerCase(Locale.ROOT))) {
        return g;
      }
    }
    throw new IllegalArgumentException(
        "unknown gradient estimator '" + name + "'; expected one of "
            + Arrays.stream(values()).map(GradientEstimator::id).toList());
  }
}
