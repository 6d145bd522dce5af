package dev.vaelab.lab.data;

import dev.vaelab.core.data.DSprites;
import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.ShapedData;
import dev.vaelab.core.data.TrainingRows;
import java.util.Random;

/**
 * A dSprites grid ({@link DSprites}) as a run's data: the grid's images in a seeded random order, the first
 * round(N · test fraction) of them held out as the test split (at most 10,000 for the published grid), the shape as
 * the label (square, ellipse, heart). A grid of at most {@value #IN_MEMORY} images is rendered into memory; the
 * published grid (737,280 images of 64 × 64, 12 GB as floats) is streamed — its training rows rendered batch by batch as
 * the trainer asks for them, only the test split and the first training rows held.
 */
final class GeneratedSprites {
  /** Grids up to this many images are rendered into memory. */
  static final int IN_MEMORY = 100_000;
  /** The test split of a streamed grid is at most this large. */
  static final int MAX_STREAMED_TEST = 10_000;

  private GeneratedSprites() {}

  static String scaling(DSprites.Grid g) {
    return "generated dSprites grid " + g.name() + " (" + g.count() + " images, " + g.size() + "×" + g.size() + (g.colour() ? ", colour" : ", binary")
        + ")";
  }

  /** Both splits in memory. */
  static ShapedData[] splits(DSprites.Grid g, DataSettings s) {
    int n = g.count();
    int[] order = Dataset.permutation(n, new Random(s.seed()));
    int nTest = Math.max(1, (int) Math.round(n * s.testFraction()));
    Dataset test = rows(g, order, 0, nTest, g.name() + "-test");
    Dataset train = rows(g, order, nTest, n, g.name() + "-train");
    return new ShapedData[] {new ShapedData(train, g.shape(), scaling(g), DSprites.SHAPES), new ShapedData(test, g.shape(), scaling(g), DSprites.SHAPES)};
  }

  /** The rows {@code order[from..to)} rendered, labelled by shape. */
  static Dataset rows(DSprites.Grid g, int[] order, int from, int to, String name) {
    int[][] f = new int[to - from][];
    int[] labels = new int[to - from];
    for (int i = from; i < to; i++) {
      f[i - from] = g.factors(order[i]);
      labels[i - from] = f[i - from][0];
    }
    return new Dataset(name, g.render(f), g.dimension(), labels);
  }

  /** The published grid: the test split and the first training rows in memory, the training rows streamed. */
  static DataSource.Splits streamed(DSprites.Grid g, DataSettings s, boolean binary) {
    int n = g.count();
    int[] order = Dataset.permutation(n, new Random(s.seed()));
    int nTest = s.testLimit() > 0 ? s.testLimit() : Math.min(MAX_STREAMED_TEST, (int) Math.round(n * s.testFraction()));
    int nTrain = n - nTest;
    if (s.trainLimit() > 0) {
      nTrain = Math.min(nTrain, s.trainLimit());
    }
    int[] trainOrder = java.util.Arrays.copyOfRange(order, nTest, nTest + nTrain);
    Dataset test = rows(g, order, 0, nTest, g.name() + "-test");
    Dataset head = rows(g, trainOrder, 0, Math.min(DataSource.STREAM_HEAD, nTrain), g.name() + "-train-head");
    if (binary && g.colour()) {
      test = test.binarized(0.5);
      head = head.binarized(0.5);
    }
    String prep = scaling(g) + ", training rows rendered as they are drawn" + (binary && g.colour() ? ", binarised > 0.5" : "");
    return new DataSource.Splits(g.name(), head, test, g.shape(), prep, new Rows(g, trainOrder, binary && g.colour()), DSprites.SHAPES, null, null);
  }

  /** Training rows rendered on demand: row r is the grid image {@code indices[r]}. */
  static final class Rows implements TrainingRows {
    private final DSprites.Grid grid;
    private final int[] indices;
    private final boolean binarise;

    Rows(DSprites.Grid grid, int[] indices, boolean binarise) {
      this.grid = grid;
      this.indices = indices;
      this.binarise = binarise;
    }

    @Override
    public String name() {
      return grid.name();
    }

    @Override
    public int size() {
      return indices.length;
    }

    @Override
    public int dimension() {
      return grid.dimension();
    }

    @Override
    public boolean hasContext() {
      return false;
    }

    @Override
    public int contextSize() {
      return 0;
    }

    @Override
    public int[] order(Random random) {
      return Dataset.permutation(indices.length, random);
    }

    @Override
    public void copyRows(int[] order, int from, int to, float[] dst) {
      int d = grid.dimension();
      java.util.stream.IntStream.range(from, to).parallel().forEach(r -> grid.render(grid.factors(indices[order[r]]), dst, (r - from) * d));
      if (binarise) {
        for (int i = 0; i < (to - from) * d; i++) {
          dst[i] = dst[i] > 0.5f ? 1f : 0f;
        }
      }
    }

    @Override
    public void copyContextRows(int[] order, int from, int to, float[] dst) {}
  }
}
