package dev.vaelab.core.data;

import java.io.InputStream;

/**
 * The small Fashion-MNIST slice that makes the main command work with no download: the first
 * 10,000 training images and the first 2,000 t10k images with their labels, as gzip IDX files
 * (Fashion-MNIST © 2017 Zalando SE, MIT licence; see {@code LICENSE-fashion-mnist} beside the
 * files). The files are in the artifact {@code dev.vaelab:vaelab-datasets} (the command line
 * depends on it; a library user adds it only to use the slice), so that vaelab-core carries no images.
 */
public final class EmbeddedData {
  /** Classpath folder of the embedded files (in vaelab-datasets). */
  public static final String RESOURCE_DIR = "dev/vaelab/datasets/fashion-mnist-embedded/";
  /** Training images in the slice. */
  public static final int TRAIN_SIZE = 10_000;
  /** Test images in the slice. */
  public static final int TEST_SIZE = 2_000;

  private EmbeddedData() {}

  /** Opens one embedded file; the caller closes it. */
  public static InputStream open(String fileName) {
    ClassLoader loader = EmbeddedData.class.getClassLoader();
    InputStream in = loader == null ? null : loader.getResourceAsStream(RESOURCE_DIR + fileName);
    if (in == null) {
      throw new IllegalStateException("embedded data file " + RESOURCE_DIR + fileName + " is not on the class path: the embedded"
          + " Fashion-MNIST slice is in the artifact dev.vaelab:vaelab-datasets; add it as a dependency, or give a data folder or file");
    }
    return in;
  }
}
