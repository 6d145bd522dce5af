package dev.vaelab.examples;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.DatasetResolver;
import dev.vaelab.core.data.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the image train and test sets of a run: the embedded Fashion-MNIST slice, Fashion-MNIST
 * found in the standard places ({@code fmnist}), or the IDX files of a folder the user names —
 * only that folder: one missing file is an error naming it, never a fall-back to other data.
 * Binary decoders get FMNIST-bin (pixels / 255 &gt; 0.5); Gaussian decoders the grey levels.
 */
public final class DataSource {
  /** The value of {@code --data} that names the slice shipped in vaelab-core. */
  public static final String EMBEDDED = "embedded";
  /** The value of {@code --data} that searches the standard places (and downloads). */
  public static final String FMNIST = "fmnist";

  /**
   * The two splits.
   *
   * @param name what was read: {@code fashion-mnist-embedded}, {@code fashion-mnist}, or {@code
   *     idx:FOLDER} for a user's folder; {@code -bin} is appended when binarised
   */
  public record Splits(String name, Dataset train, Dataset test) {}

  private DataSource() {}

  /** As {@link #load(DataSettings, boolean, String)} for a benchmark's data. */
  public static Splits load(String spec, boolean binary, int trainLimit, int testLimit) {
    return load(new DataSettings(spec, 0, trainLimit, testLimit), binary, "of the benchmark");
  }

  /**
   * @param binary static binarisation at 0.5 (FMNIST-bin)
   * @param model the model asking, for messages
   */
  public static Splits load(DataSettings s, boolean binary, String model) {
    String spec = s.data();
    Dataset train;
    Dataset test;
    String name;
    if (s.isCsv()) {
      throw new IllegalArgumentException("--data " + spec + ": a CSV file is not (yet) an input of model " + model
          + ", which reads images (embedded, fmnist or a folder of IDX files); CSV data is read by model gmm");
    }
    if (EMBEDDED.equals(spec)) {
      train = FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN);
      test = FashionMnist.loadEmbedded(FashionMnist.Split.TEST);
      name = "fashion-mnist-embedded";
    } else if (FMNIST.equals(spec)) {
      Path dir = DatasetResolver.standard(null).resolve();
      train = FashionMnist.load(dir, FashionMnist.Split.TRAIN);
      test = FashionMnist.load(dir, FashionMnist.Split.TEST);
      name = "fashion-mnist";
    } else {
      Path dir = Path.of(spec);
      if (!Files.exists(dir)) {
        throw new IllegalArgumentException("--data " + spec + " does not exist; expected embedded, fmnist, a folder of IDX files"
            + " or (model gmm) a .csv file");
      }
      dir = DatasetResolver.standard(dir).resolve(); // that folder only: names a missing file
      train = FashionMnist.load(dir, FashionMnist.Split.TRAIN);
      test = FashionMnist.load(dir, FashionMnist.Split.TEST);
      name = "idx:" + dir.toAbsolutePath().normalize();
    }
    if (s.trainLimit() > 0 && s.trainLimit() < train.size()) {
      train = train.head(s.trainLimit());
    }
    if (s.testLimit() > 0 && s.testLimit() < test.size()) {
      test = test.head(s.testLimit());
    }
    if (binary) {
      train = train.binarized(FashionMnist.BINARIZATION_THRESHOLD);
      test = test.binarized(FashionMnist.BINARIZATION_THRESHOLD);
      name = name + "-bin";
    }
    return new Splits(name, train, test);
  }
}
