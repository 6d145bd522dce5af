package dev.vaelab.gmm;

/** How EM starts. */
public enum Initialization {
  /**
   * k-means++ seeding (Arthur and Vassilvitskii 2007) followed by Lloyd's k-means; the mixture
   * starts from the hard assignment, like scikit-learn's {@code init_params='kmeans'}.
   */
  KMEANS_PLUS_PLUS,
  /** Responsibilities drawn uniformly at random and normalised, then an M-step. */
  RANDOM_RESPONSIBILITIES,
  /** The parameters given in the configuration. */
  GIVEN
}
