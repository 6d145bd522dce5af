package dev.vaelab.vq;

import dev.vaelab.core.graph.ModelGraph;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Code maps turned into the quantised latents z_q a VQ-VAE's decoder reads: z_q = e_k at each position. */
public final class CodeVectors {
  private CodeVectors() {}

  /** The codebook {e_1 … e_K} of the graph's session, {@code [K · D]}. */
  public static float[] codebook(ModelGraph graph, VectorQuantizer quantizer) {
    int k = quantizer.config().codebookSize();
    int d = quantizer.config().dimension();
    try (Result r = graph.session().runner().fetch(quantizer.codebookValue()).run()) {
      float[] e = new float[k * d];
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(e, false, false));
      return e;
    }
  }

  /** {@code [n, P · D]}: the codebook vector of every code of n maps of P positions. */
  public static float[] of(ModelGraph graph, VectorQuantizer quantizer, int[] codes, int n, int positions) {
    float[] e = codebook(graph, quantizer);
    int d = quantizer.config().dimension();
    float[] z = new float[n * positions * d];
    for (int i = 0; i < n * positions; i++) {
      System.arraycopy(e, codes[i] * d, z, i * d, d);
    }
    return z;
  }
}
