package dev.vaelab.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, MIT licence): 28 × 28 grey images of clothing in
 * ten classes, read from the four IDX files into {@link Dataset}s with pixels / 255 in [0, 1].
 *
 * <p>The benchmark protocol "FMNIST-bin" is {@code load(dir, TRAIN).binarized(0.5)}: pixels / 255
 * &gt; 0.5, 60k train / 10k test, flattened to 784.
 */
public final class FashionMnist {
  /** Image side length. */
  public static final int SIDE = 28;
  /** Pixels per image. */
  public static final int PIXELS = SIDE * SIDE;
  /** Class names, by label. */
  public static final String[] CLASS_NAMES = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"
  };
  /** Static binarisation threshold of FMNIST-bin (on pixels / 255). */
  public static final double BINARIZATION_THRESHOLD = 0.5;

  /** The two splits. */
  public enum Split {
    TRAIN("train"),
    TEST("t10k");

    private final String prefix;

    Split(String prefix) {
      this.prefix = prefix;
    }

    /** File name of the images, gzip-compressed. */
    public String imagesFile() {
      return prefix + "-images-idx3-ubyte.gz";
    }

    /** File name of the labels, gzip-compressed. */
    public String labelsFile() {
      return prefix + "-labels-idx1-ubyte.gz";
    }
  }

  private FashionMnist() {}

  /** Loads one split from a folder holding the IDX files (gzip-compressed or not). */
  public static Dataset load(Path dir, Split split) {
    IdxArray images = IdxReader.read(existing(dir, split.imagesFile()));
    IdxArray labels = IdxReader.read(existing(dir, split.labelsFile()));
    return toDataset("fashion-mnist-" + split.name().toLowerCase(), images, labels);
  }

  /** Loads one split of the small slice shipped inside vaelab-core (see {@link EmbeddedData}). */
  public static Dataset loadEmbedded(Split split) {
    try (InputStream im = EmbeddedData.open(split.imagesFile());
        InputStream lb = EmbeddedData.open(split.labelsFile())) {
      IdxArray images = IdxReader.read(im, "embedded " + split.imagesFile());
      IdxArray labels = IdxReader.read(lb, "embedded " + split.labelsFile());
      return toDataset("fashion-mnist-embedded-" + split.name().toLowerCase(), images, labels);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedded Fashion-MNIST slice", e);
    }
  }

  /** Converts IDX images (n × 28 × 28) and labels (n) into a dataset of pixels / 255. */
  public static Dataset toDataset(String name, IdxArray images, IdxArray labels) {
    if (images.dimensions().length != 3 || images.dimensions()[1] != SIDE || images.dimensions()[2] != SIDE) {
      throw new IdxFormatException(
          name + ": expected images of shape [n, 28, 28], got " + java.util.Arrays.toString(images.dimensions()));
    }
    if (labels.dimensions().length != 1 || labels.count() != images.count()) {
      throw new IdxFormatException(
          name + ": expected " + images.count() + " labels, got shape " + java.util.Arrays.toString(labels.dimensions()));
    }
    Dataset d = IdxFolder.toShapedData(name, images, labels).data(); // pixels / 255, as for any IDX images
    for (int i = 0; i < d.size(); i++) {
      if (d.label(i) > 9) {
        throw new IdxFormatException(name + ": label " + d.label(i) + " of example " + i + " is not a class 0..9");
      }
    }
    return d;
  }

  private static Path existing(Path dir, String gzName) {
    Path gz = dir.resolve(gzName);
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    Path plain = dir.resolve(gzName.substring(0, gzName.length() - 3));
    if (Files.isRegularFile(plain)) {
      return plain;
    }
    throw new IllegalArgumentException(
        "Fashion-MNIST file " + gzName + " (or its uncompressed form) not found in " + dir);
  }
}
