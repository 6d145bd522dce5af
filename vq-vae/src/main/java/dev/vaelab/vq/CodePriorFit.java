package dev.vaelab.vq;

import dev.vaelab.core.graph.ModelGraph;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Fits the independent categorical prior of a {@link CodePrior} to code counts: ℓ_p,k =
 * ln((c_p,k + α) / (Σ_k c_p,k + K α)) (maximum likelihood with add-α smoothing, α = 1 by default).
 */
public final class CodePriorFit {
  /** Default add-α smoothing. */
  public static final double DEFAULT_ALPHA = 1.0;

  private CodePriorFit() {}

  /** Sets the prior's logits in the graph's session from {@code counts}; returns the logits. */
  public static float[] fit(ModelGraph graph, CodePrior prior, CodeUsage.Counts counts, double alpha) {
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("smoothing alpha must be > 0, got " + alpha);
    }
    long[][] c = counts.perPosition();
    int p = c.length;
    int k = c[0].length;
    float[] logits = new float[p * k];
    for (int i = 0; i < p; i++) {
      long total = 0;
      for (long v : c[i]) {
        total += v;
      }
      for (int j = 0; j < k; j++) {
        logits[i * k + j] = (float) Math.log((c[i][j] + alpha) / (total + k * alpha));
      }
    }
    Ops tf = graph.tf().withSubScope("prior_fit");
    Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(p, k)));
    var assign = tf.assign(prior.logits(), in);
    try (TFloat32 t = TFloat32.tensorOf(Shape.of(p, k), DataBuffers.of(logits, true, false));
        Result r = graph.session().runner().feed(in, t).addTarget(assign).run()) {
      return logits;
    }
  }

  /**
   * The rate of code maps under an independent prior with log-probabilities {@code logits} ({@code
   * [P · K]}, as returned by {@link #fit}): the mean over the n maps of −Σ_p ln P_p(k_p), nats per map.
   */
  public static double rate(float[] logits, int[] maps, int n, int positions) {
    int k = logits.length / positions;
    if (logits.length != positions * k || maps.length < n * positions) {
      throw new IllegalArgumentException("expected " + positions + " x K log-probabilities and " + n + " maps of " + positions
          + " codes, got " + logits.length + " and " + maps.length);
    }
    double s = 0;
    for (int i = 0; i < n * positions; i++) {
      s -= logits[(i % positions) * k + maps[i]];
    }
    return s / n;
  }
}
