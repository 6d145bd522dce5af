package dev.vaelab.examples;

import picocli.CommandLine.Mixin;

/**
 * The data settings every model family has: which data, the seed, and the split limits.
 *
 * @param data {@code embedded}, {@code fmnist}, a folder of IDX files, or (where the family reads
 *     it) a {@code .csv} file of numbers
 * @param seed seed of initialisation, noise, shuffling and (for CSV) the train/test split
 * @param trainLimit use only the first N training examples (0 = all)
 * @param testLimit use only the first N test examples (0 = all)
 */
public record DataSettings(String data, long seed, int trainLimit, int testLimit) {
  /** Default data: the slice shipped with vaelab. */
  public static final String DEFAULT_DATA = DataSource.EMBEDDED;

  public DataSettings {
    if (data == null || data.isBlank()) {
      throw new IllegalArgumentException("data must name embedded, fmnist, a folder or a .csv file, got '" + data + "'");
    }
    if (trainLimit < 0) {
      throw new IllegalArgumentException("train_limit must be >= 0 (0 = all), got " + trainLimit);
    }
    if (testLimit < 0) {
      throw new IllegalArgumentException("test_limit must be >= 0 (0 = all), got " + testLimit);
    }
  }

  /** Defaults: embedded data, seed 0, no limits. */
  public static DataSettings defaults() {
    return new DataSettings(DEFAULT_DATA, 0, 0, 0);
  }

  public DataSettings withData(String d) {
    return new DataSettings(d, seed, trainLimit, testLimit);
  }

  public DataSettings withSeed(long s) {
    return new DataSettings(data, s, trainLimit, testLimit);
  }

  public DataSettings withLimits(int train, int test) {
    return new DataSettings(data, seed, train, test);
  }

  /** Whether {@link #data} names a CSV file. */
  public boolean isCsv() {
    return data.toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
  }

  /** The command-line options of these settings (the shared mixins of {@link CommonOptions}). */
  public static final class Cli {
    @Mixin CommonOptions.Data data = new CommonOptions.Data();
    @Mixin CommonOptions.Seed seed = new CommonOptions.Seed();
    @Mixin CommonOptions.TrainLimit trainLimit = new CommonOptions.TrainLimit();
    @Mixin CommonOptions.TestLimit testLimit = new CommonOptions.TestLimit();

    DataSettings toSettings() {
      return new DataSettings(data.data, seed.seed, trainLimit.trainLimit, testLimit.testLimit);
    }
  }
}
