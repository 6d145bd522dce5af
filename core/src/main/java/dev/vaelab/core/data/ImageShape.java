package dev.vaelab.core.data;

/**
 * The shape of one example: an H × W × C image flattened row-major (HWC, channels last, as
 * TensorFlow's NHWC) into D = H·W·C values, or a vector of D features ({@link #vector}, written
 * {@code D}). Written {@code 28x28x1}.
 *
 * @param height H (1 for a vector)
 * @param width W (D for a vector)
 * @param channels C (1 for a vector)
 */
public record ImageShape(int height, int width, int channels) {
  public ImageShape {
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException("image height, width and channels must be >= 1, got " + height + "x" + width + "x" + channels);
    }
  }

  /** A vector of {@code d} features (1 × d × 1). */
  public static ImageShape vector(int d) {
    return new ImageShape(1, d, 1);
  }

  /**
   * Parses {@code HxWxC}, {@code HxW} (one channel) or {@code D} (a vector).
   *
   * @throws IllegalArgumentException naming the text when it is none of these
   */
  public static ImageShape parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("image shape must be HxWxC, e.g. 28x28x1, got null");
    }
    String[] p = text.trim().split("x", -1);
    try {
      if (p.length == 1) {
        return vector(Integer.parseInt(p[0]));
      }
      if (p.length == 2 || p.length == 3) {
        return new ImageShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), p.length == 3 ? Integer.parseInt(p[2]) : 1);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("image shape must be HxWxC, e.g. 28x28x1 (or D for a vector), got '" + text + "'");
  }

  /** Whether this is a vector of features rather than an image. */
  public boolean isVector() {
    return height == 1 && channels == 1;
  }

  /** D = H·W·C. */
  public long size() {
    return (long) height * width * channels;
  }

  @Override
  public String toString() {
    return isVector() ? Integer.toString(width) : height + "x" + width + "x" + channels;
  }
}
