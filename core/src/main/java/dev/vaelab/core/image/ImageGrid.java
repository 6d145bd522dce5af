package dev.vaelab.core.image;

import dev.vaelab.core.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * PNG grids of images with values in [0, 1]: samples, reconstructions (each input above its
 * output) and interpolation strips. Grey images are {@code height × width} values; colour images
 * {@code height × width × 3} (R, G, B, channels last). Written atomically.
 */
public final class ImageGrid {
  /** Pixels between tiles. */
  public static final int GAP = 2;

  private ImageGrid() {}

  /**
   * Renders images (each {@code height × width} grey or {@code height × width × 3} RGB values in
   * [0, 1], row-major, channels last; all alike) into a grid.
   *
   * @param columns tiles per row
   * @param scale pixel magnification (≥ 1)
   */
  public static BufferedImage render(List<float[]> images, int height, int width, int columns, int scale) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("no images to render");
    }
    if (columns < 1 || scale < 1) {
      throw new IllegalArgumentException("columns and scale must be >= 1, got " + columns + ", " + scale);
    }
    int rows = (images.size() + columns - 1) / columns;
    int tileW = width * scale;
    int tileH = height * scale;
    int channels = images.get(0).length == 3 * height * width ? 3 : 1;
    BufferedImage img = new BufferedImage(columns * (tileW + GAP) + GAP, rows * (tileH + GAP) + GAP,
        channels == 3 ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
    var raster = img.getRaster();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        for (int b = 0; b < channels; b++) {
          raster.setSample(x, y, b, 128);
        }
      }
    }
    for (int k = 0; k < images.size(); k++) {
      float[] im = images.get(k);
      if (im.length != height * width * channels) {
        throw new IllegalArgumentException(
            "image " + k + " has " + im.length + " values, expected " + height + " x " + width + (channels == 3 ? " x 3" : ""));
      }
      int ox = GAP + (k % columns) * (tileW + GAP);
      int oy = GAP + (k / columns) * (tileH + GAP);
      for (int r = 0; r < height; r++) {
        for (int c = 0; c < width; c++) {
          for (int b = 0; b < channels; b++) {
            float v = Math.max(0f, Math.min(1f, im[(r * width + c) * channels + b]));
            int g = Math.round(255 * v);
            for (int dy = 0; dy < scale; dy++) {
              for (int dx = 0; dx < scale; dx++) {
                raster.setSample(ox + c * scale + dx, oy + r * scale + dy, b, g);
              }
            }
          }
        }
      }
    }
    return img;
  }

  /** Writes a grid of images as a PNG. */
  public static void write(Path file, List<float[]> images, int height, int width, int columns, int scale) {
    BufferedImage img = render(images, height, width, columns, scale);
    AtomicFiles.write(
        file,
        out -> {
          if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer available");
          }
        });
  }

  /**
   * Writes reconstructions: rows alternate inputs and their reconstructions, so each input sits
   * directly above its output.
   */
  public static void writeReconstructions(
      Path file, List<float[]> inputs, List<float[]> outputs, int height, int width, int columns, int scale) {
    if (inputs.size() != outputs.size()) {
      throw new IllegalArgumentException(inputs.size() + " inputs but " + outputs.size() + " reconstructions");
    }
    List<float[]> tiles = new java.util.ArrayList<>();
    for (int start = 0; start < inputs.size(); start += columns) {
      int end = Math.min(inputs.size(), start + columns);
      for (int i = start; i < start + columns; i++) {
        tiles.add(i < end ? inputs.get(i) : new float[inputs.get(0).length]);
      }
      for (int i = start; i < start + columns; i++) {
        tiles.add(i < end ? outputs.get(i) : new float[inputs.get(0).length]);
      }
    }
    write(file, tiles, height, width, columns, scale);
  }
}
