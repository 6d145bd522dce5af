package dev.vaelab.vq;

/** How the codebook learns. */
public enum CodebookUpdate {
  /**
   * Exponential moving averages of the assigned encoder outputs (van den Oord et al. 2017,
   * appendix; Sonnet's {@code VectorQuantizerEMA}); the optimizer never touches the codebook.
   */
  EMA,
  /** The codebook is a parameter trained by the codebook loss ‖sg[z_e] − e‖². */
  GRADIENT
}
