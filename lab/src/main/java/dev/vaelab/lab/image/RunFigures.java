package dev.vaelab.lab.image;

import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.function.IntFunction;

/**
 * The charts of a run folder ({@code latents.png}, {@code fit-1d.png}), drawn by a plotting library
 * that the lab itself does not depend on. An implementation is found with {@link ServiceLoader}
 * (a {@code META-INF/services/dev.vaelab.lab.image.RunFigures} line; the command-line module
 * registers one drawn with XChart). Without one, a run folder simply has no charts — image grids
 * ({@link RunImages}) are written either way.
 */
public interface RunFigures {
  /** Most points of a scatter. */
  int MAX_POINTS = 2000;

  /**
   * A 2-D scatter of {@code n} vectors of {@code d} values (row-major) coloured by class, projected
   * on their first two principal components when {@code d > 2}.
   *
   * @param what what the points are, for the title
   */
  void scatter(Path file, float[] values, int n, int d, int[] labels, IntFunction<String> className, String what);

  /**
   * A histogram of one-dimensional values {@code y} ({@code bins} bins) under a fitted mixture's
   * density Σ_c λ_c N(μ_c, σ_c²) and its weighted components.
   */
  void mixture1d(Path file, double[] y, double[] weights, double[] means, double[] sds, int bins);

  /** The figures of the class path: the first registered, or one that draws nothing. */
  static RunFigures installed() {
    return ServiceLoader.load(RunFigures.class).findFirst().orElse(NONE);
  }

  /** Draws nothing. */
  RunFigures NONE = new RunFigures() {
    @Override
    public void scatter(Path file, float[] values, int n, int d, int[] labels, IntFunction<String> className, String what) {}

    @Override
    public void mixture1d(Path file, double[] y, double[] weights, double[] means, double[] sds, int bins) {}
  };
}
