package dev.vaelab.core.data;

import java.io.InputStream;

/**
 * The small Fashion-MNIST slice shipped inside vaelab-core so the main command works with no
 * download: the first 10,000 training images and the first 2,000 t10k images with their labels, as
 * gzip IDX files (Fashion-MNIST © 2017 Zalando SE, MIT licence; see {@code LICENSE-fashion-mnist}
 * beside the files).
 */
public final class EmbeddedData {
  /** Classpath folder of the embedded files. */
  public static final String RESOURCE_DIR = "/dev/vaelab/core/data/fashion-mnist-embedded/";
  /** Training images in the slice. */
  public static final int TRAIN_SIZE = 10_000;
  /** Test images in the slice. */
  public static final int TEST_SIZE = 2_000;

  private EmbeddedData() {}

  /** Opens one embedded file; the caller closes it. */
  public static InputStream open(String fileName) {
    InputStream in = EmbeddedData.class.getResourceAsStream(RESOURCE_DIR + fileName);
    if (in == null) {
      throw new IllegalStateException(
          "embedded data file " + RESOURCE_DIR + fileName + " is missing from the class path");
    }
    return in;
  }
}
