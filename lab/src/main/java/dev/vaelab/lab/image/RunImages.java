package dev.vaelab.lab.image;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.ImageShape;
import dev.vaelab.core.eval.LatentInterpolation;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.image.ImageGrid;
import dev.vaelab.core.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The image files of a run folder: samples, reconstructions, interpolation (grey or RGB, any size). */
public final class RunImages {
  /** Tiles per row. */
  public static final int COLUMNS = 8;
  /** Pixel magnification. */
  public static final int SCALE = 2;

  private RunImages() {}

  /** {@code n} examples (n × D values) as an image grid, or for vector data ({@code .csv} file) as CSV rows. */
  public static void write(float[] values, int n, ImageShape shape, Path file) {
    if (shape.isVector() || file.toString().endsWith(".csv")) {
      writeCsv(values, n, (int) shape.size(), file);
      return;
    }
    ImageGrid.write(file, split(values, n), shape.height(), shape.width(), COLUMNS, SCALE);
  }

  /** Rows of {@code d} values as CSV (columns x1..xD). */
  static void writeCsv(float[] values, int n, int d, Path file) {
    StringBuilder b = new StringBuilder();
    for (int j = 0; j < d; j++) {
      b.append(j == 0 ? "" : ",").append("x").append(j + 1);
    }
    b.append('\n');
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        b.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6g", values[i * d + j]));
      }
      b.append('\n');
    }
    AtomicFiles.writeString(file, b.toString());
  }

  /** {@code n} ancestral samples (decoder means) as a grid. */
  public static void samples(ModelGraph g, int n, ImageShape shape, Path file) {
    ImageGrid.write(file, split(g.sample(n), n), shape.height(), shape.width(), COLUMNS, SCALE);
  }

  /** The first {@code n} test images above their reconstructions. */
  public static void reconstructions(ModelGraph g, Dataset test, int n, ImageShape shape, Path file) {
    int m = Math.min(n, test.size());
    float[] rows = new float[m * test.dimension()];
    test.copyRange(0, m, rows);
    ImageGrid.writeReconstructions(file, split(rows, m), split(g.reconstruct(rows, m), m), shape.height(), shape.width(), COLUMNS, SCALE);
  }

  /** Interpolations between pairs of test images, one row per pair. */
  public static void interpolations(ModelGraph g, Dataset test, int pairs, ImageShape shape, Path file) {
    List<float[]> tiles = new ArrayList<>();
    for (int p = 0; p < pairs && 2 * p + 1 < test.size(); p++) {
      tiles.addAll(LatentInterpolation.between(g, test.row(2 * p), test.row(2 * p + 1), COLUMNS));
    }
    ImageGrid.write(file, tiles, shape.height(), shape.width(), COLUMNS, SCALE);
  }

  /** Values of a traversal: −3 … 3 in this many steps. */
  public static final int TRAVERSAL_STEPS = 9;
  /** Latents drawn in a traversal at most (the first ones). */
  public static final int TRAVERSAL_ROWS = 32;

  /**
   * Latent traversals: one row per latent z_j (the first {@value #TRAVERSAL_ROWS}), the decoder means at the posterior
   * mean E[z|y] of the first test image with z_j replaced by −3, −2.25, …, 3 (the prior's ±3 standard deviations) — what
   * each latent alone changes in the image, the picture disentanglement papers show.
   */
  public static void traversals(ModelGraph g, Dataset test, ImageShape shape, Path file) {
    if (test.size() == 0 || g.isConditional()) {
      return;
    }
    float[] base = g.encodeMean(test.row(0), 1);
    int d = base.length;
    int rows = Math.min(d, TRAVERSAL_ROWS);
    float[] z = new float[rows * TRAVERSAL_STEPS * d];
    for (int j = 0; j < rows; j++) {
      for (int s = 0; s < TRAVERSAL_STEPS; s++) {
        int at = (j * TRAVERSAL_STEPS + s) * d;
        System.arraycopy(base, 0, z, at, d);
        z[at + j] = (float) (-3 + 6.0 * s / (TRAVERSAL_STEPS - 1));
      }
    }
    int n = rows * TRAVERSAL_STEPS;
    ImageGrid.write(file, split(g.decodeMean(z, n), n), shape.height(), shape.width(), TRAVERSAL_STEPS, SCALE);
  }

  public static List<float[]> split(float[] flat, int n) {
    int d = flat.length / n;
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d));
    }
    return out;
  }

  /**
   * {@code latents.png}: the posterior means E[z|y] of the first {@link RunFigures#MAX_POINTS} test
   * examples of a trained model, coloured by class (drawn by the installed {@link RunFigures}).
   */
  public static void latents(dev.vaelab.core.graph.ModelGraph graph, dev.vaelab.core.data.Dataset test,
      java.util.function.IntFunction<String> className, Path file) {
    int n = Math.min(RunFigures.MAX_POINTS, test.size());
    float[] means = graph.encodeMeans(test, n, dev.vaelab.core.eval.Evaluator.DEFAULT_BATCH);
    int[] labels = java.util.Arrays.copyOf(test.labels(), n);
    RunFigures.installed().scatter(file, means, n, means.length / n, labels, className, "posterior means E[z|y] of " + n + " test examples");
  }

  /** Draw index of the per-epoch TensorBoard samples: fixed, apart from the fresh draws of evaluation. */
  static final long TENSORBOARD_DRAW = 1L << 19;

  /**
   * Every epoch's 16 ancestral samples and 8 test reconstructions into TensorBoard (image data of an
   * unconditioned model), with a fixed draw index so later evaluations see the same noise as without.
   */
  public static void epochImagesToTensorBoard(dev.vaelab.core.train.TensorBoardWriter tb, long epoch, ModelGraph graph, Dataset test, ImageShape shape) {
    if (shape.isVector() || graph.isConditional() || test.size() < 1) {
      return;
    }
    int m = Math.min(8, test.size());
    var batch = test.batch(0, m);
    tb.image("epoch/samples", epoch, ImageGrid.render(split(graph.sampleAt(16, TENSORBOARD_DRAW), 16), shape.height(), shape.width(), 8, SCALE));
    List<float[]> tiles = new ArrayList<>(split(batch.y(), m));
    tiles.addAll(split(graph.reconstruct(batch), m));
    tb.image("epoch/reconstructions", epoch, ImageGrid.render(tiles, shape.height(), shape.width(), m, SCALE));
  }

  /** The run's image grids (samples, reconstructions, interpolations), as written, into TensorBoard at the last epoch. */
  public static void imagesToTensorBoard(dev.vaelab.core.train.TensorBoardWriter tb, long epoch, dev.vaelab.lab.run.RunFolder folder) {
    for (String name : List.of("samples", "reconstructions", "interpolations")) {
      Path png = folder.file(name + ".png");
      if (java.nio.file.Files.isRegularFile(png)) {
        try {
          tb.image(name, epoch, javax.imageio.ImageIO.read(png.toFile()));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException("cannot read " + png + ": " + e.getMessage(), e);
        }
      }
    }
  }
}
