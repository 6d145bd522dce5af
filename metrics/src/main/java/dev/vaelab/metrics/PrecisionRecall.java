package dev.vaelab.metrics;

import java.util.Arrays;

/**
 * Improved precision and recall of Kynkäänniemi et al. (2019). Each set is a union of balls: around each vector, of
 * radius the distance to its k-th nearest neighbour in its own set (k = 3 by default). Precision is the share of
 * generated vectors inside the real set's union (samples that look real); recall the share of real vectors inside the
 * generated set's union (how much of the data the samples cover):
 *
 * <pre>
 *   precision = (1/|G|) Σ_{g∈G} 1[∃ r ∈ R: ‖g − r‖ ≤ NN_k(r, R)]
 *   recall    = (1/|R|) Σ_{r∈R} 1[∃ g ∈ G: ‖r − g‖ ≤ NN_k(g, G)]
 * </pre>
 *
 * Distances are Euclidean, computed exactly (no approximate search): O(|R|·|G|·d).
 *
 * @param precision the share of generated vectors within the real manifold
 * @param recall the share of real vectors within the generated manifold
 * @param k the neighbour whose distance is each ball's radius
 */
public record PrecisionRecall(double precision, double recall, int k) {
  /** The k of the paper. */
  public static final int DEFAULT_K = 3;

  /** Precision and recall of {@code generated} against {@code real}. */
  public static PrecisionRecall of(double[][] real, double[][] generated, int k) {
    Vectors.requireMatrix(real, "precision/recall, real set", k + 1);
    Vectors.requireMatrix(generated, "precision/recall, generated set", k + 1);
    Vectors.requireSameDimension(real, generated, "precision/recall");
    return of(real, radii(real, k), generated, k);
  }

  /**
   * As {@link #of(double[][], double[][], int)} with the real set's squared radii given ({@link #radii}, computed once
   * when several generated sets are compared with one real set).
   */
  public static PrecisionRecall of(double[][] real, double[] realRadii, double[][] generated, int k) {
    Vectors.requireMatrix(real, "precision/recall, real set", k + 1);
    Vectors.requireMatrix(generated, "precision/recall, generated set", k + 1);
    Vectors.requireSameDimension(real, generated, "precision/recall");
    if (realRadii.length != real.length) {
      throw new IllegalArgumentException("precision/recall: " + realRadii.length + " radii for " + real.length + " real vectors");
    }
    double[] genRadii = radii(generated, k);
    return new PrecisionRecall(coverage(generated, real, realRadii), coverage(real, generated, genRadii), k);
  }

  /** The squared distance from each vector to its k-th nearest neighbour in the same set (itself excluded). */
  public static double[] radii(double[][] x, int k) {
    Vectors.requireMatrix(x, "precision/recall radii", k + 1);
    double[] out = new double[x.length];
    java.util.stream.IntStream.range(0, x.length).parallel().forEach(i -> {
      double[] d = new double[x.length - 1];
      int at = 0;
      for (int j = 0; j < x.length; j++) {
        if (j != i) {
          d[at++] = Vectors.squaredDistance(x[i], x[j]);
        }
      }
      out[i] = kthSmallest(d, k);
    });
    return out;
  }

  private static double kthSmallest(double[] d, int k) {
    double[] copy = d.clone();
    Arrays.sort(copy); // n log n per vector; plain and exact
    return copy[k - 1];
  }

  /** The share of {@code points} within some ball (centre in {@code centres}, squared radius in {@code radii}). */
  static double coverage(double[][] points, double[][] centres, double[] radii) {
    long inside = java.util.Arrays.stream(points).parallel().filter(p -> {
      for (int c = 0; c < centres.length; c++) {
        if (Vectors.squaredDistance(p, centres[c]) <= radii[c]) {
          return true;
        }
      }
      return false;
    }).count();
    return (double) inside / points.length;
  }
}
