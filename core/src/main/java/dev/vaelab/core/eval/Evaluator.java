package dev.vaelab.core.eval;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.math.Constants;

/**
 * Test-set evaluation of a trained triad: mean ELBO, rate and distortion per example (nats, one z
 * sample per example), the objective's own bound, bits per dimension and active units. The noise
 * is keyed by (seed, step, batch number), so evaluating the same checkpoint with the same seed gives
 * the same numbers, in any process.
 */
public final class Evaluator {
  /** Default evaluation batch size. */
  public static final int DEFAULT_BATCH = 500;

  private Evaluator() {}

  /** Evaluates on every example of {@code data}. */
  public static EvaluationResult evaluate(ModelGraph graph, Dataset data, int batchSize) {
    int dataSize = (int) graph.model().dataSize();
    data.requireDimension(dataSize, "model");
    graph.spec().checkData(data);
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    int d = (int) graph.model().latentSize();
    ActiveUnits au = new ActiveUnits(d);
    double rate = 0;
    double distortion = 0;
    double bound = 0;
    float[] buf = new float[batchSize * dataSize];
    for (int from = 0; from < data.size(); from += batchSize) {
      int n = Math.min(batchSize, data.size() - from);
      data.copyRange(from, from + n, buf);
      // draw index = batch number: reproducible noise, different for every batch
      float[][] terms = graph.lossTerms(buf, n, 1 + from / batchSize);
      for (int i = 0; i < n; i++) {
        rate += terms[0][i];
        distortion += terms[1][i];
        bound += terms[2][i];
      }
      au.add(graph.encodeMean(buf, n), n);
    }
    int m = data.size();
    double elbo = -(rate + distortion) / m;
    return new EvaluationResult(
        m, bound / m, elbo, rate / m, distortion / m, -elbo / (dataSize * Constants.LN_2), au.count(), au.variances());
  }
}
