package dev.vaelab.examples;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.FashionMnist;
import dev.vaelab.core.eval.LatentInterpolation;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.image.ImageGrid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The image files of a run folder: samples, reconstructions, interpolation. */
public final class RunImages {
  /** Tiles per row. */
  public static final int COLUMNS = 8;
  /** Pixel magnification. */
  public static final int SCALE = 2;

  private RunImages() {}

  /** {@code n} images (n × D values, D a square) as a grid. */
  public static void write(float[] values, int n, Path file) {
    int side = (int) Math.round(Math.sqrt((double) values.length / n));
    ImageGrid.write(file, split(values, n), side, side, COLUMNS, SCALE);
  }

  /** {@code n} ancestral samples (decoder means) as a grid. */
  public static void samples(ModelGraph g, int n, Path file) {
    ImageGrid.write(file, split(g.sample(n), n), FashionMnist.SIDE, FashionMnist.SIDE, COLUMNS, SCALE);
  }

  /** The first {@code n} test images above their reconstructions. */
  public static void reconstructions(ModelGraph g, Dataset test, int n, Path file) {
    int m = Math.min(n, test.size());
    float[] rows = new float[m * test.dimension()];
    test.copyRange(0, m, rows);
    ImageGrid.writeReconstructions(
        file, split(rows, m), split(g.reconstruct(rows, m), m), FashionMnist.SIDE, FashionMnist.SIDE, COLUMNS, SCALE);
  }

  /** Interpolations between pairs of test images, one row per pair. */
  public static void interpolations(ModelGraph g, Dataset test, int pairs, Path file) {
    List<float[]> tiles = new ArrayList<>();
    for (int p = 0; p < pairs && 2 * p + 1 < test.size(); p++) {
      tiles.addAll(LatentInterpolation.between(g, test.row(2 * p), test.row(2 * p + 1), COLUMNS));
    }
    ImageGrid.write(file, tiles, FashionMnist.SIDE, FashionMnist.SIDE, COLUMNS, SCALE);
  }

  static List<float[]> split(float[] flat, int n) {
    int d = flat.length / n;
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d));
    }
    return out;
  }
}
