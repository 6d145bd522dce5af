package dev.vaelab.examples;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.DatasetResolver;
import dev.vaelab.core.data.FashionMnist;
import java.nio.file.Path;

/**
 * Loads the FMNIST-bin train and test sets (pixels / 255 &gt; 0.5, flattened to 784) from the
 * embedded slice or from a folder of IDX files. Gaussian decoders get the grey levels instead.
 */
public final class DataSource {
  /** The value of {@code --data} that names the slice shipped in vaelab-core. */
  public static final String EMBEDDED = "embedded";
  /** The value of {@code --data} that searches the standard places (and downloads). */
  public static final String FMNIST = "fmnist";

  /** The two splits. */
  public record Splits(String name, Dataset train, Dataset test) {}

  private DataSource() {}

  /**
   * @param spec {@code embedded}, {@code fmnist} (standard search) or a folder
   * @param binary static binarisation at 0.5 (FMNIST-bin)
   */
  public static Splits load(String spec, boolean binary, int trainLimit, int testLimit) {
    Dataset train;
    Dataset test;
    String name;
    if (EMBEDDED.equals(spec)) {
      train = FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN);
      test = FashionMnist.loadEmbedded(FashionMnist.Split.TEST);
      name = "fashion-mnist-embedded";
    } else {
      Path dir = FMNIST.equals(spec) ? DatasetResolver.standard(null).resolve() : DatasetResolver.standard(Path.of(spec)).resolve();
      train = FashionMnist.load(dir, FashionMnist.Split.TRAIN);
      test = FashionMnist.load(dir, FashionMnist.Split.TEST);
      name = "fashion-mnist";
    }
    if (trainLimit > 0 && trainLimit < train.size()) {
      train = train.head(trainLimit);
    }
    if (testLimit > 0 && testLimit < test.size()) {
      test = test.head(testLimit);
    }
    if (binary) {
      train = train.binarized(FashionMnist.BINARIZATION_THRESHOLD);
      test = test.binarized(FashionMnist.BINARIZATION_THRESHOLD);
      name = name + "-bin";
    }
    return new Splits(name, train, test);
  }
}
