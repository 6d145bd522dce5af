package dev.vaelab.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A NumPy {@code .npy} array of examples, shape [N, ...], read row by row from disk: [N] and
 * [N, D] are vectors, [N, H, W] grey images, [N, H, W, C] images with C ≤ 4 channels last, and
 * [N, C, H, W] with C ∈ {1, 3} and a last dimension that is not (PyTorch's layout) is read as
 * channels first and turned into H × W × C. {@code uint8} values are divided by 255
 * (scaling {@code pixels/255}); floats are read as they are (scaling {@code none}).
 *
 * <p>Rows are read on demand ({@link #readRows}), so a file larger than the heap can be
 * streamed; {@link #load} reads it all into a {@link Dataset}.
 */
public final class NpyFile {
  private final Path file;
  private final NpyHeader header;
  private final ImageShape shape;
  private final boolean channelsFirst;
  private final long rows;

  /**
   * Opens (reads and checks the header of) {@code file}.
   *
   * @throws IllegalArgumentException naming the file when it is not an array of examples vaelab reads
   */
  public NpyFile(Path file) {
    this.file = file;
    this.header = NpyHeader.read(file);
    long[] s = header.shape();
    if (header.kind() != 'f' && !(header.kind() == 'u' && header.itemSize() == 1)) {
      throw new IllegalArgumentException(file + ": dtype " + header.type() + " is not a data type vaelab trains on; expected uint8, float32 or float64"
          + " (integer arrays are read as labels)");
    }
    this.rows = s[0];
    boolean cf = false;
    long h = 1;
    long w;
    long c = 1;
    switch (s.length) {
      case 1 -> w = 1;
      case 2 -> w = s[1];
      case 3 -> {
        h = s[1];
        w = s[2];
      }
      case 4 -> {
        if (s[3] <= 4) {
          h = s[1];
          w = s[2];
          c = s[3];
        } else if (s[1] == 1 || s[1] == 3) {
          cf = true;
          c = s[1];
          h = s[2];
          w = s[3];
        } else {
          throw new IllegalArgumentException(file + ": shape " + Arrays.toString(s) + " is neither [N, H, W, C] with C <= 4 nor [N, C, H, W] with C = 1 or 3");
        }
      }
      default -> throw new IllegalArgumentException(file + ": shape " + Arrays.toString(s) + " has " + s.length
          + " dimensions; expected [N], [N, D], [N, H, W], [N, H, W, C] or [N, C, H, W]");
    }
    if (h * w * c > Integer.MAX_VALUE / 8) {
      throw new IllegalArgumentException(file + ": one example of shape " + Arrays.toString(s) + " has " + h * w * c + " values; too large");
    }
    this.channelsFirst = cf;
    this.shape = s.length <= 2 ? ImageShape.vector((int) w) : new ImageShape((int) h, (int) w, (int) c);
  }

  /** The file. */
  public Path path() {
    return file;
  }

  /** The header. */
  public NpyHeader header() {
    return header;
  }

  /** N, the number of examples. */
  public long rows() {
    return rows;
  }

  /** The shape of one example (H × W × C, channels last, or D). */
  public ImageShape shape() {
    return shape;
  }

  /** Whether the file stores images channels first ([N, C, H, W]). */
  public boolean channelsFirst() {
    return channelsFirst;
  }

  /** {@code pixels/255} for uint8 data, {@code none} for floats. */
  public String scaling() {
    return header.kind() == 'u' ? "pixels/255" : "none";
  }

  /**
   * Reads rows [from, from + n) into {@code dst} (n × D floats, row-major, channels last), scaled as
   * {@link #scaling} says.
   */
  public void readRows(FileChannel channel, long from, int n, float[] dst) throws IOException {
    if (from < 0 || n < 0 || from + n > rows) {
      throw new IllegalArgumentException("rows [" + from + ", " + (from + n) + ") are outside " + file + " of " + rows + " rows");
    }
    int d = (int) shape.size();
    long bytes = (long) n * d * header.itemSize();
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(bytes, 1 << 20)).order(header.order());
    long pos = header.dataOffset() + from * d * header.itemSize();
    int written = 0;
    int total = n * d;
    while (written < total) {
      buf.clear();
      int want = (int) Math.min(buf.capacity() / header.itemSize(), total - written) * header.itemSize();
      buf.limit(want);
      while (buf.hasRemaining()) {
        int r = channel.read(buf, pos + buf.position());
        if (r < 0) {
          throw new IllegalArgumentException(file + ": ended early at byte " + (pos + buf.position()));
        }
      }
      buf.flip();
      written = convert(buf, dst, written);
      pos += want;
    }
    if (channelsFirst) {
      toChannelsLast(dst, n);
    }
  }

  private int convert(ByteBuffer buf, float[] dst, int at) {
    switch (header.type()) {
      case "u1" -> {
        while (buf.hasRemaining()) {
          dst[at++] = (buf.get() & 0xFF) / 255f;
        }
      }
      case "f4" -> {
        while (buf.hasRemaining()) {
          dst[at++] = buf.getFloat();
        }
      }
      case "f8" -> {
        while (buf.hasRemaining()) {
          dst[at++] = (float) buf.getDouble();
        }
      }
      default -> throw new IllegalStateException("unreachable: dtype " + header.type());
    }
    return at;
  }

  private void toChannelsLast(float[] dst, int n) {
    int c = shape.channels();
    int hw = shape.height() * shape.width();
    float[] tmp = new float[hw * c];
    for (int i = 0; i < n; i++) {
      int base = i * hw * c;
      for (int ch = 0; ch < c; ch++) {
        for (int p = 0; p < hw; p++) {
          tmp[p * c + ch] = dst[base + ch * hw + p];
        }
      }
      System.arraycopy(tmp, 0, dst, base, hw * c);
    }
  }

  /** Opens the file for {@link #readRows}. */
  public FileChannel open() {
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the whole array into memory, with the labels of {@code labelsFile} when it is not null.
   *
   * @throws IllegalArgumentException naming the file when the array does not fit in one Java array,
   *     holds a non-finite value, or the labels do not match
   */
  public ShapedData load(Path labelsFile) {
    long values = rows * shape.size();
    if (values > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(file + ": " + values + " values do not fit in memory as one array; train with --stream");
    }
    long heap = Runtime.getRuntime().maxMemory();
    String advice = "; train with --stream (rows read from disk by chunks) or give the JVM more heap (VAELAB_JAVA_OPTS=-Xmx…)";
    if (4 * values > heap) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s: %d values (%.2f GB as floats) do not fit in the Java heap (at most %.2f GB)%s",
          file, values, 4 * values / 1e9, heap / 1e9, advice));
    }
    float[] v;
    try {
      v = new float[(int) values];
    } catch (OutOfMemoryError e) { // one allocation failed as a whole: nothing else is affected
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s: %d values (%.2f GB as floats) do not fit in the free Java heap%s",
          file, values, 4 * values / 1e9, advice), e);
    }
    try (FileChannel ch = open()) {
      readRows(ch, 0, (int) rows, v);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    int[] labels = labelsFile == null ? null : readLabels(labelsFile, rows);
    String name = file.getFileName().toString();
    return new ShapedData(new Dataset(name, v, (int) shape.size(), labels), shape, scaling());
  }

  /** The labels file that goes with {@code data} ({@code NAME.labels.npy} beside {@code NAME.npy}), if it exists. */
  public static Path labelsFileOf(Path data) {
    String n = data.getFileName().toString();
    Path p = data.resolveSibling(n.substring(0, n.length() - ".npy".length()) + ".labels.npy");
    return Files.isRegularFile(p) ? p : null;
  }

  /**
   * Reads a 1-D integer (or integral float) array of {@code expected} class labels, each in 0..65535.
   *
   * @throws IllegalArgumentException naming the file and the first bad label
   */
  public static int[] readLabels(Path file, long expected) {
    NpyHeader h = NpyHeader.read(file);
    if (h.shape().length != 1 || h.shape()[0] != expected) {
      throw new IllegalArgumentException(file + ": labels must have shape (" + expected + ",), got " + Arrays.toString(h.shape()));
    }
    int[] out = new int[(int) expected];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate((int) (expected * h.itemSize())).order(h.order());
      while (buf.hasRemaining()) {
        if (ch.read(buf, h.dataOffset() + buf.position()) < 0) {
          throw new IllegalArgumentException(file + ": ended early");
        }
      }
      buf.flip();
      for (int i = 0; i < expected; i++) {
        double v = switch (h.type()) {
          case "u1" -> buf.get() & 0xFF;
          case "u2" -> buf.getShort() & 0xFFFF;
          case "u4" -> buf.getInt() & 0xFFFFFFFFL;
          case "i1" -> buf.get();
          case "i2" -> buf.getShort();
          case "i4" -> buf.getInt();
          case "i8" -> buf.getLong();
          case "f4" -> buf.getFloat();
          case "f8" -> buf.getDouble();
          default -> throw new IllegalStateException("unreachable: " + h.type());
        };
        if (!(v >= 0 && v <= 65535 && v == Math.rint(v))) {
          throw new IllegalArgumentException(file + ": label " + v + " of example " + i + " is not a class number 0..65535");
        }
        out[i] = (int) v;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }
}
