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
    graph.checkContext(data);
    int d = (int) graph.model().latentSize();
    ActiveUnits au = new ActiveUnits(d);
    double[] sums = new double[3]; // rate, distortion, bound
    data.forEachBatch(data.size(), batchSize, (dev.vaelab.core.data.Batch batch, int from) -> {
      int n = batch.n();
      // draw index = batch number: reproducible noise, different for every batch
      float[][] terms = graph.lossTerms(batch, 1 + from / batchSize);
      for (int i = 0; i < n; i++) {
        sums[0] += terms[0][i];
        sums[1] += terms[1][i];
        sums[2] += terms[2][i];
      }
      au.add(graph.encodeMean(batch), n);
    });
    double rate = sums[0];
    double distortion = sums[1];
    double bound = sums[2];
    int m = data.size();
    double elbo = -(rate + distortion) / m;
    return new EvaluationResult(
        m, bound / m, elbo, rate / m, distortion / m, -elbo / (dataSize * Constants.LN_2), au.count(), au.variances());
  }
}
