package dev.vaelab.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Random;

/**
 * Training rows streamed from a {@code .npy} file that need not fit in the heap: the rows
 * [0, {@code rows}) of the file, read chunk by chunk with positional reads (no memory map, so the
 * process holds one chunk at a time and the page cache does the rest), and shuffled by chunk — an
 * epoch visits the chunks in a random order and the rows of each chunk in a random order, so each
 * chunk is read once per epoch. Values are scaled as the file's {@link NpyFile#scaling} says and,
 * when a threshold is given, binarised (v &gt; threshold → 1, else 0) as they are read.
 *
 * <p>Not thread-safe; the file is opened on the first read and {@link #close} releases it.
 */
public final class StreamedNpyRows implements TrainingRows, AutoCloseable {
  /** Rows per chunk by default (≈ 12.8 MB of floats for 784 values per row). */
  public static final int DEFAULT_CHUNK_ROWS = 4096;

  private final NpyFile file;
  private FileChannel channel; // opened on the first read
  private final int rows;
  private final int chunkRows;
  private final double threshold;
  private final int d;
  private final float[] chunk;
  private int cached = -1;
  private long chunkReads;

  /**
   * @param rows the first {@code rows} rows of the file are the training rows
   * @param chunkRows rows per chunk (a multiple of the batch size keeps every batch inside one chunk)
   * @param threshold binarisation threshold, or NaN for none
   */
  public StreamedNpyRows(NpyFile file, int rows, int chunkRows, double threshold) {
    if (rows < 1 || rows > file.rows()) {
      throw new IllegalArgumentException(file.path() + ": rows must be in 1.." + file.rows() + ", got " + rows);
    }
    if (chunkRows < 1) {
      throw new IllegalArgumentException("chunk rows must be >= 1, got " + chunkRows);
    }
    this.file = file;
    this.rows = rows;
    this.chunkRows = chunkRows;
    this.threshold = threshold;
    this.d = (int) file.shape().size();
    if ((long) chunkRows * d > Integer.MAX_VALUE / 2) {
      throw new IllegalArgumentException("a chunk of " + chunkRows + " rows of " + d + " values is too large");
    }
    this.chunk = new float[chunkRows * d];
  }

  @Override
  public String name() {
    return "streamed " + file.shape();
  }

  @Override
  public int size() {
    return rows;
  }

  @Override
  public int dimension() {
    return d;
  }

  @Override
  public boolean hasContext() {
    return false;
  }

  @Override
  public int contextSize() {
    return 0;
  }

  /** Chunks in a random order, the rows of each chunk in a random order (Fisher–Yates with {@code random}). */
  @Override
  public int[] order(Random random) {
    int chunks = (rows + chunkRows - 1) / chunkRows;
    int[] chunkOrder = Dataset.permutation(chunks, random);
    int[] out = new int[rows];
    int at = 0;
    for (int c : chunkOrder) {
      int start = c * chunkRows;
      int n = Math.min(chunkRows, rows - start);
      int[] within = Dataset.permutation(n, random);
      for (int i = 0; i < n; i++) {
        out[at++] = start + within[i];
      }
    }
    return out;
  }

  @Override
  public void copyRows(int[] order, int from, int to, float[] dst) {
    for (int r = from; r < to; r++) {
      int row = order[r];
      int c = row / chunkRows;
      if (c != cached) {
        load(c);
      }
      System.arraycopy(chunk, (row - c * chunkRows) * d, dst, (r - from) * d, d);
    }
  }

  @Override
  public void copyContextRows(int[] order, int from, int to, float[] dst) {
    // no contexts
  }

  private void load(int c) {
    int start = c * chunkRows;
    int n = Math.min(chunkRows, rows - start);
    try {
      if (channel == null) {
        channel = file.open();
      }
      file.readRows(channel, start, n, chunk);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rows " + start + ".." + (start + n) + ": " + e.getMessage(), e);
    }
    int values = n * d;
    for (int i = 0; i < values; i++) {
      float v = chunk[i];
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("row " + (start + i / d) + " has a non-finite value " + v + ", feature " + i % d);
      }
      if (!Double.isNaN(threshold)) {
        chunk[i] = v > threshold ? 1f : 0f;
      }
    }
    cached = c;
    chunkReads++;
  }

  /**
   * Reads every row once, chunk by chunk, before training: refuses a value outside [0, 1] (or not
   * finite), naming the file, the row and the feature — the whole file is checked, not only the rows
   * held in memory.
   *
   * @param what who needs the range, for the message
   */
  public void requireUnitInterval(String what) {
    float[] buf = new float[chunk.length];
    try (var ch = file.open()) {
      for (int start = 0; start < rows; start += chunkRows) {
        int n = Math.min(chunkRows, rows - start);
        file.readRows(ch, start, n, buf);
        for (int i = 0; i < n * d; i++) {
          float v = buf[i];
          if (!(v >= 0f && v <= 1f)) {
            throw new IllegalArgumentException(what + " needs values in [0, 1], but " + file.path() + " has " + v + " at row "
                + (start + i / d) + ", feature " + i % d + " (the whole file is checked, chunk by chunk)");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.path() + ": " + e.getMessage(), e);
    }
  }

  /** Chunks read so far (each read once per epoch when the order is {@link #order}'s). */
  public long chunkReads() {
    return chunkReads;
  }

  @Override
  public void close() {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
      channel = null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
