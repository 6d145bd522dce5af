package dev.vaelab.core.model;

/**
 * The triad of note 000's "encoder-first" view: P_enc(z|y), P_pri(z), P_dec(y|z). Every model in
 * vaelab is one of these, trained on the negative ELBO = rate + distortion:
 *
 * <pre>
 *   rate       = E_{z~enc}[ ln P_enc(z|y) − ln P_pri(z) ]
 *   distortion = E_{z~enc}[ −ln P_dec(y|z) ]
 * </pre>
 *
 * @param encoder P_enc(z|y)
 * @param prior P_pri(z)
 * @param decoder P_dec(y|z)
 * @param dataSize D, the length of one observation vector
 * @param latentSize d, the length of one latent vector
 */
public record LatentVariableModel(
    Encoder encoder, Prior prior, Decoder decoder, long dataSize, long latentSize) {
  public LatentVariableModel {
    if (encoder == null || prior == null || decoder == null) {
      throw new IllegalArgumentException("encoder, prior and decoder must all be given");
    }
    if (dataSize < 1 || latentSize < 1) {
      throw new IllegalArgumentException(
          "dataSize and latentSize must be >= 1, got " + dataSize + " and " + latentSize);
    }
  }
}
