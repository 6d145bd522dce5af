package dev.vaelab.core.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A folder of PNG/JPEG images, as torchvision's ImageFolder reads one: one subfolder per class
 * gives the labels (classes numbered in sorted folder-name order), or images directly in the
 * folder have none (hidden folders and {@code __MACOSX} are not classes). When the folder has
 * {@code train/} and {@code test/} subfolders, each is such a folder and is the split; otherwise the
 * split is drawn by {@link DataSplit#random}.
 *
 * <p>Images are read as {@code channels} (1: luminance, 3: RGB) floats in [0, 1] (scaling
 * {@code pixels/255}; an alpha channel is dropped, as PIL's {@code convert("RGB")} drops it — the
 * colour stored under a transparent pixel is kept, not composited over black), resized bilinearly
 * to {@code size} — by default the size of the first image (in sorted path order; for {@code test/},
 * of the training images), in which case every image must have it: {@code test/} images of another
 * size than {@code train/} are refused, never resized silently.
 */
public final class ImageFolder {
  /**
   * How to read the images.
   *
   * @param height H to resize to (0: the first image's)
   * @param width W to resize to (0: the first image's)
   * @param channels 1 (grey) or 3 (RGB)
   */
  public record Options(int height, int width, int channels) {
    public Options {
      if (channels != 1 && channels != 3) {
        throw new IllegalArgumentException("--image-channels must be 1 (grey) or 3 (RGB), got " + channels);
      }
      if (height < 0 || width < 0 || (height == 0) != (width == 0) || height > ImageFiles.MAX_SIDE || width > ImageFiles.MAX_SIDE) {
        throw new IllegalArgumentException("--image-size must be H or HxW with sides 1.." + ImageFiles.MAX_SIDE + ", got " + height + "x" + width);
      }
    }

    /** Parses {@code --image-size} ({@code H}, {@code HxW}, or empty for the first image's size). */
    public static Options parse(String size, int channels) {
      if (size == null || size.isBlank()) {
        return new Options(0, 0, channels);
      }
      String[] p = size.trim().split("x", -1);
      try {
        int h = Integer.parseInt(p[0].trim());
        int w = p.length == 2 ? Integer.parseInt(p[1].trim()) : h;
        if (p.length <= 2 && (h < 1 || w < 1)) { // 0 would silently mean "the first image's size"
          throw new IllegalArgumentException("--image-size must be H or HxW with sides 1.." + ImageFiles.MAX_SIDE + ", got '" + size + "'");
        }
        if (p.length <= 2) {
          return new Options(h, w, channels);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("--image-size must be H or HxW (e.g. 32 or 64x48), got '" + size + "'");
    }
  }

  /** The images of one folder, before decoding: files and their labels (null without classes). */
  private record Listing(List<Path> files, int[] labels) {}

  private ImageFolder() {}

  /** Whether {@code dir} has both {@code train/} and {@code test/} subfolders. */
  public static boolean hasSplitFolders(Path dir) {
    return Files.isDirectory(dir.resolve("train")) && Files.isDirectory(dir.resolve("test"));
  }

  /** Whether {@code dir} holds images (directly, in class subfolders or in train/ and test/). */
  public static boolean looksLikeImageFolder(Path dir) {
    try (Stream<Path> s = Files.walk(dir, 3)) {
      return s.anyMatch(p -> Files.isRegularFile(p) && ImageFiles.isImage(p));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads the {@code train/} and {@code test/} subfolders of {@code dir} with one class numbering.
   *
   * @return train then test
   */
  public static ShapedData[] loadSplitFolders(Path dir, Options o) {
    TreeSet<String> classes = new TreeSet<>();
    classes.addAll(classFolders(dir.resolve("train")));
    classes.addAll(classFolders(dir.resolve("test")));
    List<String> names = new ArrayList<>(classes);
    Listing train = list(dir.resolve("train"), names);
    Listing test = list(dir.resolve("test"), names);
    ShapedData tr = decode(dir.resolve("train"), train, o, 0, 0, names);
    // the test images must have the training images' size unless --image-size asks for resizing: never resized silently
    ShapedData te = decode(dir.resolve("test"), test, o, tr.shape().height(), tr.shape().width(), names);
    return new ShapedData[] {tr, te};
  }

  /** Reads every image of {@code dir} (class subfolders, or images directly in it). */
  public static ShapedData load(Path dir, Options o) {
    List<String> names = new ArrayList<>(classFolders(dir));
    return decode(dir, list(dir, names), o, 0, 0, names);
  }

  private static TreeSet<String> classFolders(Path dir) {
    TreeSet<String> out = new TreeSet<>();
    try (Stream<Path> s = Files.list(dir)) {
      // hidden folders (.ipynb_checkpoints, .git) and macOS's __MACOSX are not classes
      s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".") && !n.equals("__MACOSX")).forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static List<Path> imagesIn(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> Files.isRegularFile(p) && ImageFiles.isImage(p)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Listing list(Path dir, List<String> classes) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is not a folder");
    }
    List<Path> loose = imagesIn(dir);
    if (classes.isEmpty()) {
      if (loose.isEmpty()) {
        throw new IllegalArgumentException(dir + " holds no .png, .jpg or .jpeg image");
      }
      return new Listing(loose, null);
    }
    if (!loose.isEmpty()) {
      throw new IllegalArgumentException(dir + " has class subfolders " + classes + " and also images directly in it (e.g. "
          + loose.get(0).getFileName() + "); put every image in its class's folder");
    }
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int k = 0; k < classes.size(); k++) {
      Path c = dir.resolve(classes.get(k));
      if (!Files.isDirectory(c)) {
        continue; // a class of the other split only
      }
      List<Path> in = imagesIn(c);
      if (in.isEmpty()) {
        throw new IllegalArgumentException("class folder " + c + " holds no .png, .jpg or .jpeg image");
      }
      for (Path p : in) {
        files.add(p);
        labels.add(k);
      }
    }
    return new Listing(files, labels.stream().mapToInt(Integer::intValue).toArray());
  }

  private static ShapedData decode(Path dir, Listing l, Options o, int defaultHeight, int defaultWidth, List<String> classes) {
    int n = l.files().size();
    int h = o.height() > 0 ? o.height() : defaultHeight;
    int w = o.width() > 0 ? o.width() : defaultWidth;
    boolean fixed = o.height() > 0;
    float[] v = null;
    int d = 0;
    for (int i = 0; i < n; i++) {
      Path f = l.files().get(i);
      BufferedImage img = ImageFiles.decode(f);
      if (h == 0) {
        h = img.getHeight();
        w = img.getWidth();
      } else if (!fixed && (img.getHeight() != h || img.getWidth() != w)) {
        throw new IllegalArgumentException(f + " is " + img.getHeight() + "x" + img.getWidth() + " (HxW) but "
            + (defaultHeight > 0 ? "the training images are " : l.files().get(0).getFileName() + " is ")
            + h + "x" + w + "; give --image-size HxW to resize every image to one size");
      }
      if (v == null) {
        d = h * w * o.channels();
        if ((long) n * d > Integer.MAX_VALUE - 16) {
          throw new IllegalArgumentException(dir + ": " + n + " images of " + h + "x" + w + "x" + o.channels() + " do not fit in memory as one array");
        }
        v = new float[n * d];
      }
      ImageFiles.toFloats(img, h, w, o.channels(), v, i * d);
    }
    String name = "images:" + dir.getFileName();
    return new ShapedData(new Dataset(name, v, d, l.labels()), new ImageShape(h, w, o.channels()), "pixels/255",
        l.labels() == null ? null : classes.toArray(new String[0]));
  }
}
