package dev.vaelab.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A folder of IDX files of any image size — MNIST, Fashion-MNIST, EMNIST, KMNIST: the training
 * images are the one file whose name contains {@code train-images} and the test images the one
 * containing {@code t10k-images} or {@code test-images} (gzip-compressed or not); the labels the
 * files with {@code labels} in place of {@code images}, when present. Images of shape [N, H, W]
 * are grey, [N, H, W, C] have C channels; pixels are divided by 255.
 */
public final class IdxFolder {
  private IdxFolder() {}

  /** Whether {@code dir} holds a training-images IDX file. */
  public static boolean isIdxFolder(Path dir) {
    return find(dir, "train-images", false) != null;
  }

  /**
   * Reads the two splits.
   *
   * @return train then test
   * @throws IllegalArgumentException naming the folder or file when a split is missing, ambiguous or malformed
   */
  public static ShapedData[] load(Path dir) {
    Path trainImages = find(dir, "train-images", true);
    Path testImages = find(dir, "t10k-images", false);
    if (testImages == null) {
      testImages = find(dir, "test-images", true);
    }
    ShapedData train = split(trainImages);
    ShapedData test = split(testImages);
    if (!train.shape().equals(test.shape())) {
      throw new IllegalArgumentException(dir + ": training images are " + train.shape() + ", test images " + test.shape());
    }
    return new ShapedData[] {train, test};
  }

  private static ShapedData split(Path images) {
    String n = images.getFileName().toString();
    int at = n.toLowerCase(Locale.ROOT).lastIndexOf("images");
    Path labelsPath = images.resolveSibling(n.substring(0, at) + "labels" + n.substring(at + "images".length()).replace("idx3", "idx1").replace("idx4", "idx1"));
    if (!Files.isRegularFile(labelsPath) && labelsPath.toString().endsWith(".gz")) {
      Path plain = Path.of(labelsPath.toString().substring(0, labelsPath.toString().length() - 3));
      labelsPath = Files.isRegularFile(plain) ? plain : labelsPath;
    } else if (!Files.isRegularFile(labelsPath)) {
      Path gz = Path.of(labelsPath + ".gz");
      labelsPath = Files.isRegularFile(gz) ? gz : labelsPath;
    }
    IdxArray im = IdxReader.read(images);
    IdxArray lb = Files.isRegularFile(labelsPath) ? IdxReader.read(labelsPath) : null;
    return toShapedData(images.getFileName().toString(), im, lb);
  }

  /**
   * IDX images [N, H, W] or [N, H, W, C] (and labels [N], or null) as pixels / 255.
   *
   * @throws IdxFormatException naming {@code name} when the shapes do not fit
   */
  public static ShapedData toShapedData(String name, IdxArray images, IdxArray labels) {
    int[] dims = images.dimensions();
    if (dims.length != 3 && dims.length != 4) {
      throw new IdxFormatException(name + ": expected images of shape [N, H, W] or [N, H, W, C], got " + java.util.Arrays.toString(dims));
    }
    if (dims.length == 4 && dims[3] != 1 && dims[3] != 3) {
      throw new IdxFormatException(name + ": images of shape " + java.util.Arrays.toString(dims) + " have " + dims[3]
          + " channels; vaelab reads grey (C = 1) or RGB (C = 3) images");
    }
    ImageShape shape = new ImageShape(dims[1], dims[2], dims.length == 4 ? dims[3] : 1);
    int n = dims[0];
    if (labels != null && (labels.dimensions().length != 1 || labels.dimensions()[0] != n)) {
      throw new IdxFormatException(name + ": expected " + n + " labels, got shape " + java.util.Arrays.toString(labels.dimensions()));
    }
    float[] v = new float[images.values().length];
    for (int i = 0; i < v.length; i++) {
      v[i] = images.unsigned(i) / 255f;
    }
    int[] y = null;
    if (labels != null) {
      y = new int[n];
      for (int i = 0; i < n; i++) {
        y[i] = labels.unsigned(i);
      }
    }
    return new ShapedData(new Dataset(name, v, (int) shape.size(), y), shape, "pixels/255");
  }

  private static Path find(Path dir, String key, boolean required) {
    List<Path> hits;
    try (Stream<Path> s = Files.list(dir)) {
      hits = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).contains(key)
          && p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*idx[34]-ubyte(\\.gz)?")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    if (hits.size() == 2 && hits.get(1).getFileName().toString().equals(hits.get(0).getFileName() + ".gz")) {
      return hits.get(0); // the same file kept compressed and uncompressed (gunzip -k): the plain one
    }
    if (hits.size() > 1) {
      throw new IllegalArgumentException(dir + " has " + hits.size() + " files named *" + key + "*: " + hits.stream().map(p -> p.getFileName().toString()).toList()
          + "; keep one data set per folder");
    }
    if (hits.isEmpty()) {
      if (required) {
        throw new IllegalArgumentException(dir + " has no IDX file named *" + key + "*-idx3-ubyte[.gz]");
      }
      return null;
    }
    return hits.get(0);
  }
}
