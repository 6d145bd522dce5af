package dev.vaelab.core.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one PNG or JPEG file into H × W × C floats in [0, 1] (channels last): C = 1 is the
 * luminance Y = 0.299 R + 0.587 G + 0.114 B (ITU-R 601, as PIL's "L"), C = 3 is R, G, B; alpha is
 * dropped. Images of another size are resized bilinearly. The declared size is checked before
 * any pixel is decoded, so a corrupt header cannot ask for gigabytes.
 */
public final class ImageFiles {
  /** Largest side accepted (pixels). */
  public static final int MAX_SIDE = 8192;
  /** Largest image accepted (pixels). */
  public static final long MAX_PIXELS = 1L << 24;

  static {
    ImageIO.setUseCache(false); // no temporary files per decode
  }

  private ImageFiles() {}

  /** Whether the file name ends in .png, .jpg or .jpeg (any case). */
  public static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
  }

  /**
   * The decoded image, checked.
   *
   * @throws IllegalArgumentException naming the file when it is not a readable PNG/JPEG image or is too large
   */
  public static BufferedImage decode(Path file) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new IllegalArgumentException(file + ": cannot be opened as an image");
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IllegalArgumentException(file + ": not a PNG or JPEG image (no decoder recognises its first bytes)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        if (w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE || (long) w * h > MAX_PIXELS) {
          throw new IllegalArgumentException(file + ": image of " + w + " × " + h + " pixels; at most " + MAX_SIDE + " per side and "
              + MAX_PIXELS + " in all are read");
        }
        BufferedImage img = reader.read(0);
        if (img == null || img.getWidth() != w || img.getHeight() != h) {
          throw new IllegalArgumentException(file + ": the decoder returned no image of the declared " + w + " × " + h);
        }
        return img;
      } finally {
        reader.dispose();
      }
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // the JDK's decoders report corrupt data as IIOException and, for some inputs, as unchecked exceptions
      throw new IllegalArgumentException(file + ": not a readable PNG/JPEG image: " + e, e);
    }
  }

  /**
   * Writes {@code img}, resized to {@code height} × {@code width}, as {@code channels} (1 or 3)
   * floats per pixel into {@code dst} from {@code offset}.
   */
  public static void toFloats(BufferedImage img, int height, int width, int channels, float[] dst, int offset) {
    if (img.getColorModel().hasAlpha()) {
      img = withoutAlpha(img);
    }
    BufferedImage src = img;
    if (img.getWidth() != width || img.getHeight() != height || img.getType() != BufferedImage.TYPE_INT_RGB) {
      BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = scaled.createGraphics();
      try {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, width, height, null);
      } finally {
        g.dispose();
      }
      src = scaled;
    }
    int at = offset;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int rgb = src.getRGB(x, y);
        int r = (rgb >> 16) & 0xFF;
        int gr = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        if (channels == 1) {
          dst[at++] = (float) ((0.299 * r + 0.587 * gr + 0.114 * b) / 255.0);
        } else {
          dst[at++] = r / 255f;
          dst[at++] = gr / 255f;
          dst[at++] = b / 255f;
        }
      }
    }
  }

  /**
   * The image's stored colours with the alpha channel dropped — as PIL's {@code convert("RGB")} does
   * — not composited over black: a transparent pixel keeps the colour stored under it.
   */
  static BufferedImage withoutAlpha(BufferedImage img) {
    BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        rgb.setRGB(x, y, img.getRGB(x, y) & 0xFFFFFF); // getRGB: non-premultiplied ARGB
      }
    }
    return rgb;
  }
}
