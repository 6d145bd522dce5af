package dev.vaelab.gaussian;

/**
 * The H × W × C shape of an image flattened row-major (HWC) into D = H·W·C values, as the
 * convolutional VAE reads it. Written {@code 28x28x1}.
 *
 * @param height H
 * @param width W
 * @param channels C
 */
public record ImageShape(int height, int width, int channels) {
  public ImageShape {
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException("image height, width and channels must be >= 1, got " + height + "x" + width + "x" + channels);
    }
  }

  /** Parses {@code HxWxC} (or {@code HxW} for one channel). */
  public static ImageShape parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("image shape must be HxWxC, e.g. 28x28x1, got null");
    }
    String[] p = text.trim().split("x");
    try {
      if (p.length == 2 || p.length == 3) {
        return new ImageShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), p.length == 3 ? Integer.parseInt(p[2]) : 1);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("image shape must be HxWxC, e.g. 28x28x1, got '" + text + "'");
  }

  /** D = H·W·C. */
  public long size() {
    return (long) height * width * channels;
  }

  @Override
  public String toString() {
    return height + "x" + width + "x" + channels;
  }
}
