package dev.vaelab.lab.data;

import dev.vaelab.core.data.DSprites;
import dev.vaelab.core.data.CsvTable;
import dev.vaelab.core.data.DataSplit;
import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.DatasetResolver;
import dev.vaelab.core.data.FashionMnist;
import dev.vaelab.core.data.IdxFolder;
import dev.vaelab.core.data.ImageFolder;
import dev.vaelab.core.data.ImageShape;
import dev.vaelab.core.data.NpyFile;
import dev.vaelab.core.data.ShapedData;
import dev.vaelab.core.data.StreamedNpyRows;
import dev.vaelab.core.data.TrainingRows;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the train and test sets of a run: the embedded Fashion-MNIST slice, Fashion-MNIST found in
 * the standard places ({@code fmnist}), a folder of IDX files of any image size, an image folder
 * (PNG/JPEG, class subfolders), a CSV file or a NumPy {@code .npy} file — only what the user
 * names: a missing file is an error naming it, never a fall-back to other data. Data without a
 * split of its own is split at random (seeded, {@code --test-fraction}). Binary decoders get the
 * values binarised at 0.5 (FMNIST-bin for Fashion-MNIST); Gaussian decoders the values as scaled.
 */
public final class DataSource {
  /** The value of {@code --data} that names the slice shipped with vaelab. */
  public static final String EMBEDDED = "embedded";
  /** The value of {@code --data} that searches the standard places (and downloads). */
  public static final String FMNIST = "fmnist";

  /**
   * The two splits.
   *
   * @param name what was read: {@code fashion-mnist-embedded}, {@code fashion-mnist}, {@code idx:FOLDER},
   *     {@code images:FOLDER}, {@code csv:FILE} or {@code npy:FILE}; {@code -bin} is appended when binarised
   * @param shape the shape of one example
   * @param preprocessing what was done to the stored values (scaling, binarisation)
   * @param rows the rows training draws from: {@code train}, or rows streamed from disk
   * @param classNames the data's class names (image-folder classes, CSV text labels), or null
   */
  public record Splits(String name, Dataset train, Dataset test, ImageShape shape, String preprocessing, TrainingRows rows,
      String[] classNames, Path source, float[][] range) {
    public Splits(String name, Dataset train, Dataset test, ImageShape shape, String preprocessing) {
      this(name, train, test, shape, preprocessing, train, null, null, null);
    }

    public Splits(String name, Dataset train, Dataset test, ImageShape shape, String preprocessing, TrainingRows rows,
        String[] classNames) {
      this(name, train, test, shape, preprocessing, rows, classNames, null, null);
    }

    /** The same data with other rows (one-hot contexts added, say); provenance and classes kept. */
    public Splits withRows(Dataset train, Dataset test, TrainingRows rows) {
      return new Splits(name, train, test, shape, preprocessing, rows, classNames, source, range);
    }

    /** The name of class {@code k} for legends: the data's own, Fashion-MNIST's, or "class k". */
    public String className(int k) {
      String[] names = classNames != null ? classNames : name.startsWith("fashion-mnist") ? FashionMnist.CLASS_NAMES : null;
      return names != null && k < names.length ? names[k] : "class " + k;
    }

    /** Whether the training rows are streamed from disk ({@link #train} then holds only their first rows). */
    public boolean streamed() {
      return rows != train;
    }

    /**
     * What was read: the shape of one example, the preprocessing, the class mapping, and the
     * provenance — the data's absolute path, its {@link DataFingerprint} (computed here) and the
     * min-max range when one was fitted.
     */
    public DataRecord record() {
      StringBuilder classes = new StringBuilder();
      for (int k = 0; classNames != null && k < classNames.length; k++) {
        classes.append(k == 0 ? "" : ", ").append(classNames[k]).append("→").append(k);
      }
      return new DataRecord(shape.toString(), preprocessing, classes.toString(), source == null ? "" : source.toString(),
          source == null ? "" : DataFingerprint.of(source).toString(), range == null ? "" : DataRecord.formatRange(range));
    }
  }

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
    return load(s, DataRecord.NONE, binary, model);
  }

  /**
   * Loads the data of a run that has read them before: a relative {@code --data} that does not
   * exist from here is the absolute path the run recorded, and a recorded min-max range is applied
   * as it was (never refitted on other data).
   *
   * @param recorded what the run recorded ({@link DataRecord#NONE} for a new run)
   */
  public static Splits load(DataSettings s, DataRecord recorded, boolean binary, String model) {
    s = resolved(s, recorded);
    if (s.stream()) {
      return streamed(s, binary);
    }
    if (DSprites.named(s.data()) != null && DSprites.named(s.data()).count() > GeneratedSprites.IN_MEMORY) {
      return GeneratedSprites.streamed(DSprites.named(s.data()), s, binary);
    }
    ShapedData[] split = read(s);
    Dataset train = split[0].data();
    Dataset test = split[1].data();
    String name = name(s);
    String prep = split[0].scaling();
    float[][] range = null;
    if (s.scaling() == Scaling.MINMAX) {
      range = recorded.range() != null ? recorded.range() : minMax(train);
      if (range[0].length != train.dimension()) {
        throw new IllegalArgumentException("--data " + s.data() + " has " + train.dimension() + " features; the run's min-max range has "
            + range[0].length);
      }
      train = scaled(train, range);
      test = scaled(test, range);
      prep = "min-max per feature (training split), clipped to [0, 1]";
    }
    if (s.trainLimit() > 0 && s.trainLimit() < train.size()) {
      train = train.head(s.trainLimit());
    }
    if (s.testLimit() > 0 && s.testLimit() < test.size()) {
      test = test.head(s.testLimit());
    }
    if (binary) {
      String why = "model " + model + " (Bernoulli decoder, data binarised at 0.5)";
      try {
        train.requireUnitInterval(why);
        test.requireUnitInterval(why);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage() + "; give --scaling minmax, or a Gaussian decoder (--decoder gaussian) where the model has one", e);
      }
      train = train.binarized(FashionMnist.BINARIZATION_THRESHOLD);
      test = test.binarized(FashionMnist.BINARIZATION_THRESHOLD);
      name = name + "-bin";
      prep = prep + ", binarised > 0.5";
    }
    return new Splits(name, train, test, split[0].shape(), prep, train, split[0].classNames(), sourceOf(s), range);
  }

  /** Rows of the first {@code --stream} training rows kept in memory, for what needs examples after training. */
  public static final int STREAM_HEAD = 10_000;

  /**
   * A .npy training set streamed from disk: the last round(N · test_fraction) rows (at most
   * test_limit when set) are the test set, held in memory; training streams the others by chunks;
   * {@code train} holds the first {@link #STREAM_HEAD} of them in memory.
   */
  static Splits streamed(DataSettings s, boolean binary) {
    Path p = requireFile(Path.of(s.data()), "npy");
    NpyFile f = new NpyFile(p);
    if (f.rows() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(p + " has " + f.rows() + " rows; at most " + Integer.MAX_VALUE + " are read");
    }
    int n = (int) f.rows();
    int nTest = (int) Math.round(n * s.testFraction());
    if (s.testLimit() > 0) {
      nTest = Math.min(nTest, s.testLimit());
    }
    int nTrain = n - nTest;
    if (s.trainLimit() > 0) {
      nTrain = Math.min(nTrain, s.trainLimit());
    }
    if (nTest < 1 || nTrain < 1) {
      throw new IllegalArgumentException(p + " has " + n + " rows: " + nTrain + " for training and " + nTest + " for testing (each needs at least 1)");
    }
    int d = (int) f.shape().size();
    int[] labels = NpyFile.labelsFileOf(p) == null ? null : NpyFile.readLabels(NpyFile.labelsFileOf(p), n);
    Dataset test = rows(f, n - nTest, nTest, labels, "npy:" + p.getFileName() + "-test");
    Dataset head = rows(f, 0, Math.min(STREAM_HEAD, nTrain), labels, "npy:" + p.getFileName() + "-train-head");
    double threshold = binary ? FashionMnist.BINARIZATION_THRESHOLD : Double.NaN;
    StreamedNpyRows train = new StreamedNpyRows(f, nTrain, StreamedNpyRows.DEFAULT_CHUNK_ROWS, threshold);
    if (binary) {
      String why = "a model with a Bernoulli decoder (data binarised at 0.5)";
      train.requireUnitInterval(why);
      test.requireUnitInterval(why);
    }
    String prep = f.scaling() + (binary ? ", binarised > 0.5" : "") + ", streamed by chunks of " + StreamedNpyRows.DEFAULT_CHUNK_ROWS + " rows";
    if (binary) {
      head = head.binarized(FashionMnist.BINARIZATION_THRESHOLD);
      test = test.binarized(FashionMnist.BINARIZATION_THRESHOLD);
    }
    return new Splits("npy:" + p.getFileName() + (binary ? "-bin" : "") + "-streamed", head, test, f.shape(), prep, train, null, sourceOf(s), null);
  }

  private static Dataset rows(NpyFile f, int from, int n, int[] labels, String name) {
    float[] v = new float[n * (int) f.shape().size()];
    try (java.nio.channels.FileChannel ch = f.open()) {
      f.readRows(ch, from, n, v);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + f.path() + ": " + e.getMessage(), e);
    }
    return new Dataset(name, v, (int) f.shape().size(), labels == null ? null : java.util.Arrays.copyOfRange(labels, from, from + n));
  }

  /** The absolute path of a user's data (null for the embedded slice and for Fashion-MNIST, which is checked by its SHA-256). */
  static Path sourceOf(DataSettings s) {
    return isNamed(s.data()) ? null : Path.of(s.data()).toAbsolutePath().normalize();
  }

  /** Whether {@code data} names data vaelab has or generates (embedded, fmnist, a dSprites grid) rather than a path. */
  public static boolean isNamed(String data) {
    return EMBEDDED.equals(data) || FMNIST.equals(data) || DSprites.named(data) != null;
  }

  /** {@code s}, with a relative path that does not exist from here replaced by the absolute path the run recorded. */
  public static DataSettings resolved(DataSettings s, DataRecord recorded) {
    if (recorded.dataPath().isEmpty() || isNamed(s.data())) {
      return s;
    }
    Path typed = Path.of(s.data());
    if (!typed.isAbsolute() && !Files.exists(typed) && Path.of(recorded.dataPath()).endsWith(typed.normalize())) {
      return s.withData(recorded.dataPath());
    }
    return s;
  }

  /**
   * Refuses, before any work, when the data a run recorded have changed since it read them (their
   * {@link DataFingerprint}): a different size, file count or content, said in words. Runs without a
   * recorded fingerprint (older versions, the embedded slice) pass.
   *
   * @param consequence what the user should do, appended to the message
   */
  public static void requireUnchanged(DataSettings s, DataRecord recorded, String consequence) {
    change(s, recorded).ifPresent(what -> {
      throw new IllegalArgumentException("--data " + s.data() + " " + what + "; " + consequence);
    });
  }

  /**
   * What changed in the data a run recorded ("changed since the run read it (size …, content …)", "no longer exist"),
   * or empty when they are unchanged or no fingerprint was recorded (older versions, the embedded slice).
   */
  public static java.util.Optional<String> change(DataSettings s, DataRecord recorded) {
    DataFingerprint before = recorded.fingerprint();
    if (before == null) {
      return java.util.Optional.empty();
    }
    Path p = Path.of(resolved(s, recorded).data());
    if (!Files.exists(p)) {
      return java.util.Optional.of("— the run's data " + recorded.dataPath() + " — no longer exist");
    }
    DataFingerprint now = DataFingerprint.of(p);
    return now.sameContent(before) ? java.util.Optional.empty()
        : java.util.Optional.of("changed since the run read it (" + now.changesFrom(before) + ")");
  }

  private static String name(DataSettings s) {
    return switch (s.data()) {
      case EMBEDDED -> "fashion-mnist-embedded";
      case FMNIST -> "fashion-mnist";
      default -> {
        if (DSprites.named(s.data()) != null) {
          yield s.data();
        }
        Path p = Path.of(s.data()).toAbsolutePath().normalize();
        String f = resolvedFormat(s, p);
        yield f + ":" + (f.equals("csv") || f.equals("npy") ? p.getFileName() : p);
      }
    };
  }

  private static ShapedData[] read(DataSettings s) {
    String spec = s.data();
    if (EMBEDDED.equals(spec)) {
      return fmnist(FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN), FashionMnist.loadEmbedded(FashionMnist.Split.TEST));
    }
    if (DSprites.named(spec) != null) {
      return GeneratedSprites.splits(DSprites.named(spec), s);
    }
    if (FMNIST.equals(spec)) {
      Path dir = DatasetResolver.standard(null).resolve();
      return fmnist(FashionMnist.load(dir, FashionMnist.Split.TRAIN), FashionMnist.load(dir, FashionMnist.Split.TEST));
    }
    Path p = Path.of(spec);
    if (!Files.exists(p)) {
      throw new IllegalArgumentException("--data " + spec + " does not exist; expected embedded, fmnist, dsprites, dsprites-small, dsprites-colour,"
          + " dsprites-colour-small, a folder of IDX files or of images, a .csv or a .npy file");
    }
    return switch (resolvedFormat(s, p)) {
      case "csv" -> DataSplit.random(CsvTable.read(requireFile(p, "csv"), false, s.labelColumn().isEmpty() ? null : s.labelColumn(), s.delimiter().character())
          .toShapedData("csv:" + p.getFileName()), s.testFraction(), s.seed());
      case "npy" -> {
        NpyFile f = new NpyFile(requireFile(p, "npy"));
        yield DataSplit.random(f.load(NpyFile.labelsFileOf(p)), s.testFraction(), s.seed());
      }
      case "idx" -> IdxFolder.load(requireFolder(p, "idx"));
      case "images" -> {
        ImageFolder.Options o = ImageFolder.Options.parse(s.imageSize(), s.imageChannels());
        yield ImageFolder.hasSplitFolders(p) ? ImageFolder.loadSplitFolders(p, o)
            : DataSplit.random(ImageFolder.load(requireFolder(p, "images"), o), s.testFraction(), s.seed());
      }
      default -> throw new IllegalStateException("unreachable");
    };
  }

  /** The format of a user's path: the setting, or the suffix, or what a folder holds. */
  static String resolvedFormat(DataSettings s, Path p) {
    String f = s.format();
    if (!f.equals("folder")) {
      return f;
    }
    if (!Files.isDirectory(p)) {
      throw new IllegalArgumentException("--data " + p + " is a file but neither .csv nor .npy; give --data-format csv or npy");
    }
    if (IdxFolder.isIdxFolder(p)) {
      return "idx";
    }
    if (ImageFolder.looksLikeImageFolder(p)) {
      return "images";
    }
    throw new IllegalArgumentException("--data " + p + " holds neither IDX files (*train-images*-idx3-ubyte[.gz]) nor .png/.jpg images");
  }

  private static Path requireFile(Path p, String format) {
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException("--data " + p + " is not a file, but --data-format " + format + " reads one");
    }
    return p;
  }

  private static Path requireFolder(Path p, String format) {
    if (!Files.isDirectory(p)) {
      throw new IllegalArgumentException("--data " + p + " is not a folder, but --data-format " + format + " reads one");
    }
    return p;
  }

  private static ShapedData[] fmnist(Dataset train, Dataset test) {
    ImageShape s = new ImageShape(FashionMnist.SIDE, FashionMnist.SIDE, 1);
    return new ShapedData[] {new ShapedData(train, s, "pixels/255"), new ShapedData(test, s, "pixels/255")};
  }

  /** Per-feature minimum and maximum of {@code d}. */
  static float[][] minMax(Dataset d) {
    int dim = d.dimension();
    float[] lo = new float[dim];
    float[] hi = new float[dim];
    java.util.Arrays.fill(lo, Float.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < d.size(); i++) {
      for (int j = 0; j < dim; j++) {
        float v = d.get(i, j);
        lo[j] = Math.min(lo[j], v);
        hi[j] = Math.max(hi[j], v);
      }
    }
    return new float[][] {lo, hi};
  }

  /** (x − min) / (max − min) per feature, clipped to [0, 1] (test values beyond the training range); a constant feature becomes 0. */
  static Dataset scaled(Dataset d, float[][] range) {
    int dim = d.dimension();
    float[] v = new float[d.size() * dim];
    for (int i = 0; i < d.size(); i++) {
      for (int j = 0; j < dim; j++) {
        float w = range[1][j] - range[0][j];
        v[i * dim + j] = w > 0 ? Math.max(0f, Math.min(1f, (d.get(i, j) - range[0][j]) / w)) : 0f;
      }
    }
    return new Dataset(d.name(), v, dim, d.labels());
  }
}
