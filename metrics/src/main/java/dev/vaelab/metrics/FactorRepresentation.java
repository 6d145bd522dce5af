package dev.vaelab.metrics;

/**
 * What the disentanglement metrics need of a model and its data: the generative factors' sizes (factor k takes the
 * values 0..size_k − 1, a grid such as dSprites') and the model's representation — its code vectors, e.g. E[z|y] — of the
 * observations with given factor values (rendered and encoded by the caller). Factor combinations are drawn uniformly
 * from the grid, as disentanglement_lib's ground-truth data do.
 */
public interface FactorRepresentation {
  /** size_k of each factor k. */
  int[] factorSizes();

  /** The codes of the observations with factors {@code factors[i]} (one row per observation, one value per code). */
  double[][] codes(int[][] factors);

  /** {@code n} factor combinations drawn uniformly from the grid. */
  default int[][] sample(int n, java.util.SplittableRandom random) {
    int[] sizes = factorSizes();
    int[][] out = new int[n][sizes.length];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < sizes.length; k++) {
        out[i][k] = random.nextInt(sizes[k]);
      }
    }
    return out;
  }
}
