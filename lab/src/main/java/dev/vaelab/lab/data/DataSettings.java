package dev.vaelab.lab.data;


import java.util.List;
import java.util.Locale;
import dev.vaelab.lab.settings.Setting;

/**
 * The data settings every model family has, as asked for: which data and how to read them, the
 * seed, the split limits. What a run read (the shape of one example, the preprocessing) is recorded
 * apart, in a {@link DataRecord}.
 *
 * @param data {@code embedded}, {@code fmnist}, a folder of IDX files, an image folder, a {@code
 *     .csv} or a {@code .npy} file
 * @param seed seed of initialisation, noise, shuffling and the random train/test split
 * @param trainLimit use only the first N training examples (0 = all)
 * @param testLimit use only the first N test examples (0 = all)
 * @param dataFormat {@code auto} (from the path), {@code idx}, {@code images}, {@code csv} or {@code npy}
 * @param imageSize image-folder images resized to {@code H} or {@code HxW} ("" = the first image's size)
 * @param imageChannels image-folder images read as 1 (grey) or 3 (RGB) channels
 * @param testFraction share of a CSV, .npy or image folder (without train/ and test/) held out for testing
 * @param labelColumn the CSV column holding class labels: header name or 1-based number ("" = none)
 * @param scaling {@code auto} (uint8 pixels / 255, floats as stored), {@code none} or {@code minmax}
 *     (each feature to [0, 1] by the training split's minimum and maximum)
 * @param stream stream a .npy training set from disk by chunks
 * @param delimiter the delimiter of a CSV file ({@code auto}: detected from its first row)
 */
public record DataSettings(
    @Setting(names = "--data", label = "DATA", help = "embedded (the slice shipped with vaelab), fmnist (search the standard places, download if needed),"
        + " a folder of IDX files, or (gmm) a .csv file of numbers (default ${DEFAULT-VALUE}).")
    String data,
    @Setting(names = "--seed", help = "Seed (default ${DEFAULT-VALUE}).")
    long seed,
    @Setting(names = "--train-limit", label = "N", help = "Use only the first N training examples (default ${DEFAULT-VALUE}: all).")
    int trainLimit,
    @Setting(names = "--test-limit", label = "N", help = "Use only the first N test examples (default ${DEFAULT-VALUE}: all).")
    int testLimit,
    @Setting(names = "--data-format", help = "auto (default: .csv, .npy, a folder of IDX files or of images), idx, images, csv or npy.")
    DataFormat dataFormat,
    @Setting(names = "--image-size", label = "H[xW]", help = "Resize image-folder images to H×H or H×W (default: the first image's size, which all must have).")
    String imageSize,
    @Setting(names = "--image-channels", label = "C", help = "Read image-folder images as 1 (grey, default) or 3 (RGB) channels.")
    int imageChannels,
    @Setting(names = "--test-fraction", label = "F", help = "Share of a CSV, .npy or image folder without train/ and test/ held out for testing"
        + " (seeded; default ${DEFAULT-VALUE}).")
    double testFraction,
    @Setting(names = "--label-column", label = "COL", help = "CSV column of class labels: header name or 1-based number (default: none).")
    String labelColumn,
    @Setting(names = "--scaling", help = "auto (default: uint8 pixels / 255, floats as stored), none, or minmax (each feature to [0, 1] by the training split).")
    Scaling scaling,
    @Setting(names = "--stream", help = "Stream a .npy training set from disk by chunks (data larger than the heap; the last --test-fraction of its rows"
        + " are the test set).")
    boolean stream,
    @Setting(names = "--delimiter", help = "CSV delimiter: auto (default: from the first row — a tab, else ';', else ',', else spaces), comma, semicolon, tab or space.")
    Delimiter delimiter) implements dev.vaelab.lab.settings.Settings<DataSettings> {
  /** Default data: the slice shipped with vaelab. */
  public static final String DEFAULT_DATA = DataSource.EMBEDDED;
  /** The values of {@code --data-format}. */
  public static final List<String> FORMATS = dev.vaelab.lab.settings.Choice.ids(DataFormat.class);
  /** The values of {@code --scaling}. */
  public static final List<String> SCALINGS = dev.vaelab.lab.settings.Choice.ids(Scaling.class);
  /** Share held out for testing when the data has no split of its own. */
  public static final double DEFAULT_TEST_FRACTION = 0.2;

  public DataSettings {
    if (data == null || data.isBlank()) {
      throw new IllegalArgumentException("data must name embedded, fmnist, a folder, a .csv or a .npy file, got '" + data + "'");
    }
    if (trainLimit < 0) {
      throw new IllegalArgumentException("train_limit must be >= 0 (0 = all), got " + trainLimit);
    }
    if (testLimit < 0) {
      throw new IllegalArgumentException("test_limit must be >= 0 (0 = all), got " + testLimit);
    }

    text("image_size", imageSize);
    text("label_column", labelColumn);

    if (dataFormat == null) {
      throw new IllegalArgumentException("--data-format must be one of " + FORMATS + ", got null");
    }
    if (delimiter == null) {
      throw new IllegalArgumentException("--delimiter must be one of " + dev.vaelab.lab.settings.Choice.ids(Delimiter.class) + ", got null");
    }
    if (scaling == null) {
      throw new IllegalArgumentException("--scaling must be one of " + SCALINGS + ", got null");
    }
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("--test-fraction must be in (0, 1), got " + testFraction);
    }
    dev.vaelab.core.data.ImageFolder.Options.parse(imageSize, imageChannels); // validates, naming the bad value
    if (stream && !formatOf(dataFormat, data).equals("npy")) {
      throw new IllegalArgumentException("--stream reads a .npy file; --data " + data + " is " + formatOf(dataFormat, data));
    }
  }

  private static void text(String key, String value) {
    if (value == null) {
      throw new IllegalArgumentException(key + " must be a string (\"\" for none), got null");
    }
  }

  /** The given data, seed and limits; every other setting at its default. */
  public DataSettings(String data, long seed, int trainLimit, int testLimit) {
    this(data, seed, trainLimit, testLimit, DataFormat.AUTO, "", 1, DEFAULT_TEST_FRACTION, "", Scaling.AUTO, false, Delimiter.AUTO);
  }

  /** Defaults: embedded data, seed 0, no limits. */
  public static DataSettings defaults() {
    return new DataSettings(DEFAULT_DATA, 0, 0, 0);
  }

  public DataSettings withData(String d) {
    return with("data", d);
  }




  /** The format: {@link #dataFormat} unless {@code auto}, else from the path's suffix (a folder: idx or images). */
  public String format() {
    return formatOf(dataFormat, data);
  }

  private static String formatOf(DataFormat dataFormat, String data) {
    if (dataFormat != DataFormat.AUTO) {
      return dataFormat.id();
    }
    String d = data.toLowerCase(Locale.ROOT);
    if (d.endsWith(".csv")) {
      return "csv";
    }
    if (d.endsWith(".npy")) {
      return "npy";
    }
    return "folder";
  }

  /** Whether {@link #data} names a CSV file. */
  public boolean isCsv() {
    return format().equals("csv");
  }
}
