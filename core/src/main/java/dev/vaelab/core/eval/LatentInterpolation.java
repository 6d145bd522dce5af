package dev.vaelab.core.eval;

import dev.vaelab.core.graph.ModelGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the straight line between the posterior means of two observations:
 * z(t) = (1 − t) μ(y_a) + t μ(y_b), t = 0, 1/(s−1), ..., 1.
 */
public final class LatentInterpolation {
  private LatentInterpolation() {}

  /** The decoder means along the line, {@code steps} images of D values. */
  public static List<float[]> between(ModelGraph graph, float[] ya, float[] yb, int steps) {
    if (steps < 2) {
      throw new IllegalArgumentException("interpolation needs at least 2 steps, got " + steps);
    }
    int d = (int) graph.model().latentSize();
    int dataSize = (int) graph.model().dataSize();
    float[] pair = new float[2 * dataSize];
    System.arraycopy(ya, 0, pair, 0, dataSize);
    System.arraycopy(yb, 0, pair, dataSize, dataSize);
    float[] mu = graph.encodeMean(pair, 2);
    float[] z = new float[steps * d];
    for (int s = 0; s < steps; s++) {
      float t = (float) s / (steps - 1);
      for (int i = 0; i < d; i++) {
        z[s * d + i] = (1 - t) * mu[i] + t * mu[d + i];
      }
    }
    float[] out = graph.decodeMean(z, steps);
    List<float[]> images = new ArrayList<>();
    for (int s = 0; s < steps; s++) {
      images.add(java.util.Arrays.copyOfRange(out, s * dataSize, (s + 1) * dataSize));
    }
    return images;
  }
}
