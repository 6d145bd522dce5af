package dev.vaelab.core.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST (unsigned-byte data), plain or gzip-compressed
 * (detected from the content, not the file name).
 *
 * <p>Layout: two zero bytes, a type byte (0x08 = unsigned byte), a byte with the number of
 * dimensions n, n big-endian 32-bit sizes, then exactly Π sizes data bytes. Anything else — a
 * wrong magic number, an unsupported type, zero or too many dimensions, a size that is zero or
 * negative, fewer or more data bytes than the header announces — is rejected with an {@link
 * IdxFormatException} that names the file and the value found.
 */
public final class IdxReader {
  /** Largest number of dimensions accepted. */
  public static final int MAX_DIMENSIONS = 8;
  /** Largest payload accepted (bytes); guards against a corrupt header asking for gigabytes. */
  public static final long MAX_BYTES = 1L << 30;

  private IdxReader() {}

  /** Reads a file. */
  public static IdxArray read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read IDX file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads from a stream (closed by the caller).
   *
   * @param source a name for error messages
   */
  public static IdxArray read(InputStream raw, String source) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(raw);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    InputStream in = buffered;
    if (b0 == 0x1f && b1 == 0x8b) {
      try {
        in = new BufferedInputStream(new GZIPInputStream(buffered));
      } catch (IOException e) {
        throw new IdxFormatException(source + ": corrupt gzip header: " + e.getMessage(), e);
      }
    }
    try {
      return parse(in, source);
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new IdxFormatException(source + ": corrupt or truncated gzip stream: " + e.getMessage(), e);
    }
  }

  private static IdxArray parse(InputStream in, String source) throws IOException {
    byte[] header = readFully(in, 4);
    if (header.length < 4) {
      throw new IdxFormatException(
          source + ": file too short for an IDX header (" + header.length + " bytes, expected at least 4)");
    }
    if (header[0] != 0 || header[1] != 0) {
      throw new IdxFormatException(
          String.format(
              "%s: bad IDX magic number: first two bytes are 0x%02x 0x%02x, expected 0x00 0x00",
              source, header[0] & 0xFF, header[1] & 0xFF));
    }
    int type = header[2] & 0xFF;
    if (type != 0x08) {
      throw new IdxFormatException(
          String.format(
              "%s: unsupported IDX data type 0x%02x, expected 0x08 (unsigned byte)", source, type));
    }
    int n = header[3] & 0xFF;
    if (n < 1 || n > MAX_DIMENSIONS) {
      throw new IdxFormatException(
          source + ": IDX header declares " + n + " dimensions, expected 1 to " + MAX_DIMENSIONS);
    }
    byte[] dimBytes = readFully(in, 4 * n);
    if (dimBytes.length < 4 * n) {
      throw new IdxFormatException(
          source + ": truncated IDX header: " + n + " dimensions need " + 4 * n + " bytes, found " + dimBytes.length);
    }
    int[] dims = new int[n];
    long total = 1;
    for (int i = 0; i < n; i++) {
      int d =
          ((dimBytes[4 * i] & 0xFF) << 24)
              | ((dimBytes[4 * i + 1] & 0xFF) << 16)
              | ((dimBytes[4 * i + 2] & 0xFF) << 8)
              | (dimBytes[4 * i + 3] & 0xFF);
      if (d <= 0) {
        throw new IdxFormatException(
            source + ": IDX dimension " + i + " is " + Integer.toUnsignedString(d) + ", expected a size >= 1");
      }
      dims[i] = d;
      total *= d;
      if (total > MAX_BYTES) {
        throw new IdxFormatException(
            source + ": IDX header declares more than " + MAX_BYTES + " values; corrupt header?");
      }
    }
    byte[] data = readFully(in, (int) total);
    if (data.length < total) {
      throw new IdxFormatException(
          source + ": truncated IDX file: header declares " + total + " data bytes, found " + data.length);
    }
    if (in.read() != -1) {
      throw new IdxFormatException(
          source + ": IDX file has trailing bytes after the " + total + " data bytes the header declares");
    }
    return new IdxArray(dims, data);
  }

  private static byte[] readFully(InputStream in, int n) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(n, 1 << 20));
    byte[] buf = new byte[8192];
    int remaining = n;
    while (remaining > 0) {
      int r = in.read(buf, 0, Math.min(buf.length, remaining));
      if (r < 0) {
        break;
      }
      out.write(buf, 0, r);
      remaining -= r;
    }
    return out.toByteArray();
  }
}
