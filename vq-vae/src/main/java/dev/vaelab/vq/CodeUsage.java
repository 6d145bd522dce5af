package dev.vaelab.vq;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.graph.ModelGraph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Which codes a trained VQ-VAE uses on a data set: counts per position and code (for fitting the
 * prior) and overall (codes used, perplexity). Adds its ops to the model's graph once; never runs
 * the training updates, so the codebook is unchanged by it.
 */
public final class CodeUsage {
  /** Codes counted over a data set. */
  public record Counts(long[][] perPosition, double[] perCode) {
    /** Number of codes used at least once. */
    public int codesUsed() {
      int c = 0;
      for (double v : perCode) {
        if (v > 0) {
          c++;
        }
      }
      return c;
    }

    /** exp(entropy) of the code frequencies. */
    public double perplexity() {
      return VectorQuantizer.perplexity(perCode);
    }
  }

  private final ModelGraph graph;
  private final Operand<TInt64> codes;
  private final int positions;
  private final int k;

  public CodeUsage(ModelGraph graph) {
    this.graph = graph;
    Ops tf = graph.tf().withSubScope("code_usage");
    var q = graph.model().encoder().encode(tf, graph.input()); // on the graph's own input, fed by ModelGraph.feed
    if (!(q instanceof QuantizedLatent latent)) {
      throw new IllegalArgumentException("code usage needs a VQ model, got a posterior of type " + q.getClass().getSimpleName());
    }
    this.codes = latent.quantized().codes();
    this.k = latent.quantizer().config().codebookSize();
    this.positions = (int) (graph.model().latentSize() / latent.quantizer().config().dimension());
  }

  /** The code map of every example of {@code data}: {@code [N · P]} code indices, example after example. */
  public int[] codes(Dataset data, int batch) {
    int[] out = new int[data.size() * positions];
    data.forEachBatch(data.size(), batch, (dev.vaelab.core.data.Batch rows, int from) -> {
      int[] c = codes(rows);
      System.arraycopy(c, 0, out, from * positions, c.length);
    });
    return out;
  }

  /** The code map of every row of one batch: {@code [n · P]} code indices. */
  public int[] codes(dev.vaelab.core.data.Batch rows) {
    java.util.List<org.tensorflow.Tensor> fed = new java.util.ArrayList<>();
    try (Result r = graph.feed(graph.session().runner(), rows, fed).fetch(codes).run()) {
      TInt64 c = (TInt64) r.get(0);
      long[] v = new long[(int) c.shape().size()];
      c.copyTo(DataBuffers.of(v, false, false));
      int[] out = new int[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = (int) v[i];
      }
      return out;
    } finally {
      fed.forEach(org.tensorflow.Tensor::close);
    }
  }

  /** The code indices of the graph's input as an operand, {@code [N, P]} (for a SavedModel's encode signature). */
  public org.tensorflow.Operand<TInt64> codeMap() {
    return graph.tf().withSubScope("code_usage").reshape(codes, graph.tf().constant(new long[] {-1, positions}));
  }

  /** Positions P of a code map. */
  public int positions() {
    return positions;
  }

  /** Counts the codes of every example of {@code data}. */
  public Counts count(Dataset data, int batch) {
    return countsOf(codes(data, batch));
  }

  /** Counts of code maps given as {@link #codes} returns them. */
  public Counts countsOf(int[] all) {
    long[][] perPosition = new long[positions][k];
    double[] perCode = new double[k];
    for (int i = 0; i < all.length; i++) {
      perPosition[i % positions][all[i]]++;
      perCode[all[i]]++;
    }
    return new Counts(perPosition, perCode);
  }
}
