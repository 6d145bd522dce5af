package dev.vaelab.gmm;

import java.util.Arrays;
import java.util.Locale;

/** The form of the component covariances Σ_n. */
public enum CovarianceType {
  /** Each component has its own full D × D covariance. */
  FULL("full"),
  /** Each component has its own diagonal covariance. */
  DIAGONAL("diag"),
  /** Each component has its own σ_n² I. */
  SPHERICAL("spherical"),
  /** All components share one full covariance. */
  TIED("tied");

  private final String id;

  CovarianceType(String id) {
    this.id = id;
  }

  /** Short name: full, diag, spherical, tied. */
  public String id() {
    return id;
  }

  /** Free covariance parameters for K components in D dimensions. */
  public long parameterCount(int k, int d) {
    return switch (this) {
      case FULL -> (long) k * d * (d + 1) / 2;
      case DIAGONAL -> (long) k * d;
      case SPHERICAL -> k;
      case TIED -> (long) d * (d + 1) / 2;
    };
  }

  /** Looks a type up by its short or enum name. */
  public static CovarianceType fromName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (CovarianceType t : values()) {
      if (t.id.equals(n) || t.name().toLowerCase(Locale.ROOT).equals(n)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown covariance type '" + name + "'; expected one of " + Arrays.stream(values()).map(CovarianceType::id).toList());
  }
}
