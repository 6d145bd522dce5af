package dev.vaelab.lab.score;

import dev.vaelab.core.data.Batch;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.eval.ImportanceSampledLogLikelihood;
import dev.vaelab.core.graph.ModelGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The {@link RowScorer} of a graph family's run: per row the objective's terms with the evaluator's
 * noise (blocks of {@link Evaluator#DEFAULT_BATCH}, draw index 1 + block) — {@code elbo} = −(rate +
 * distortion), {@code rate}, {@code distortion}, {@code bound} (the objective's own, L_k for IWAE) —
 * then, with K &gt; 0, the importance-sampled {@code nll} = −ln (1/K) Σ_k p(y, z_k)/q(z_k|y) with the
 * estimator's noise (blocks of {@link ImportanceSampledLogLikelihood#DEFAULT_BATCH}), then the
 * encoding {@code vaelab encode} writes (posterior means z1…zL, or a VQ-VAE's codes). A conditional
 * model (cvae) is scored given each row's context c: ELBO and NLL of p(y | c).
 */
public final class GraphRowScorer implements RowScorer {
  private final ModelGraph graph;
  private final ImportanceSampledLogLikelihood nll;
  private final int k;
  private final int dimension;
  private final int contextSize;
  private final String kind;
  private final int width;
  private final BiFunction<ModelGraph, Batch, float[]> encode;
  private final List<String> columns = new ArrayList<>();
  private final Double fixedRate;

  /**
   * @param graph the restored model (closed with this scorer)
   * @param k importance samples per row (0: no nll column)
   * @param kind the encoding's column prefix; {@code width} its values per row
   * @param encode the encoding of a batch (width values per row)
   * @param fixedRate the rate every row is reported with, as the family's test numbers (a VQ-VAE: positions · ln K
   *     under its uniform code prior), or null for the objective's own per-row rate
   */
  public GraphRowScorer(ModelGraph graph, int k, String kind, int width, BiFunction<ModelGraph, Batch, float[]> encode, Double fixedRate) {
    if (k < 0) {
      throw new IllegalArgumentException("--nll-k must be >= 0 (0: no log-likelihood), got " + k);
    }
    this.graph = graph;
    this.k = k;
    this.nll = k > 0 ? new ImportanceSampledLogLikelihood(graph) : null;
    this.dimension = (int) graph.model().dataSize();
    this.contextSize = graph.isConditional() ? (int) graph.conditioning().size() : 0;
    this.kind = kind;
    this.width = width;
    this.encode = encode;
    this.fixedRate = fixedRate;
    columns.addAll(List.of("elbo", "rate", "distortion", "bound"));
    if (k > 0) {
      columns.add("nll");
    }
    for (int j = 1; j <= width; j++) {
      columns.add(kind + j);
    }
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public int contextSize() {
    return contextSize;
  }

  @Override
  public List<String> columns() {
    return List.copyOf(columns);
  }

  @Override
  public double[][] score(double[] rows, double[] contexts, int n, long first, long total) {
    RowScorer.check(rows, contexts, n, first, total, dimension, contextSize);
    double[][] out = new double[n][columns.size()];
    blocks(rows, contexts, n, first, total, Evaluator.DEFAULT_BATCH, (block, number, offset, from, count) -> {
      float[][] terms = graph.lossTerms(block, 1 + number);
      float[] codes = encode.apply(graph, block);
      for (int i = 0; i < count; i++) {
        double[] o = out[from + i];
        int e = offset + i;
        double rate = fixedRate != null ? fixedRate : terms[0][e];
        o[0] = -(rate + terms[1][e]);
        o[1] = rate;
        o[2] = terms[1][e];
        o[3] = terms[2][e];
        int c = k > 0 ? 5 : 4;
        for (int j = 0; j < width; j++) {
          o[c + j] = codes[e * width + j];
        }
      }
    });
    if (k > 0) {
      blocks(rows, contexts, n, first, total, ImportanceSampledLogLikelihood.DEFAULT_BATCH, (block, number, offset, from, count) -> {
        double[][] s = nll.perExample(block, k, number);
        for (int i = 0; i < count; i++) {
          out[from + i][4] = -s[offset + i][0];
        }
      });
    }
    return out;
  }

  /** What is done with one block: rows offset … offset + count − 1 of it are the caller's from … from + count − 1. */
  interface BlockAction {
    void run(Batch block, long number, int offset, int from, int count);
  }

  /**
   * Cuts the rows into the blocks of {@code size} that a data set of {@code total} rows is cut into
   * from its first row, each block fed at its full size (rows of other pieces are zeros).
   */
  void blocks(double[] rows, double[] contexts, int n, long first, long total, int size, BlockAction action) {
    int done = 0;
    while (done < n) {
      long index = first + done;
      long number = index / size;
      long start = number * size;
      int full = (int) Math.min(size, total - start);
      int offset = (int) (index - start);
      int count = Math.min(n - done, full - offset);
      float[] buf = new float[full * dimension]; // rows (and contexts) of other pieces stay zeros
      for (int i = 0; i < count * dimension; i++) {
        buf[offset * dimension + i] = (float) rows[done * dimension + i];
      }
      float[] ctx = null;
      if (contextSize > 0) {
        ctx = new float[full * contextSize];
        for (int i = 0; i < count * contextSize; i++) {
          ctx[offset * contextSize + i] = (float) contexts[done * contextSize + i];
        }
      }
      action.run(new Batch(buf, ctx, full), number, offset, done, count);
      done += count;
    }
  }

  @Override
  public void close() {
    graph.close();
  }

  /** The encoding's column prefix. */
  String kind() {
    return kind;
  }
}
