package dev.vaelab.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0): the magic string
 * {@code \x93NUMPY}, the version, the header length, then a Python dict literal
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (60000, 28, 28), }}. The data follow,
 * C order, {@link #itemSize} bytes per value.
 *
 * <p>Only what vaelab reads is accepted — unsigned bytes ({@code u1}), 32- and 64-bit floats
 * ({@code f4}, {@code f8}) and, for labels, signed integers ({@code i1 i2 i4 i8}) and unsigned
 * {@code u2 u4}, either byte order, C order — and everything else is refused with a message
 * naming the file and the value found.
 *
 * @param kind 'u', 'i' or 'f'
 * @param itemSize bytes per value
 * @param order the byte order of the values
 * @param shape the array's shape (at least one dimension)
 * @param dataOffset where the values start in the file
 */
public record NpyHeader(char kind, int itemSize, ByteOrder order, long[] shape, long dataOffset) {
  /** Largest header accepted (bytes): a longer one is a corrupt file, not a real header. */
  public static final int MAX_HEADER_BYTES = 1 << 16;
  /** Most dimensions accepted. */
  public static final int MAX_DIMENSIONS = 8;

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** Number of values, the product of the shape. */
  public long count() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** The type as NumPy writes it without byte order, e.g. {@code f4}. */
  public String type() {
    return "" + kind + itemSize;
  }

  /**
   * Reads and checks the header of {@code file}, including that the file holds exactly the bytes
   * the shape declares.
   *
   * @throws IllegalArgumentException naming the file and the problem
   */
  public static NpyHeader read(Path file) {
    long fileSize;
    try (InputStream in = Files.newInputStream(file)) {
      fileSize = Files.size(file);
      return parse(in, fileSize, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a header from {@code in} (positioned at the file's start).
   *
   * @param fileSize the file's length in bytes, to check the data's length
   * @param source the file's name, for messages
   */
  public static NpyHeader parse(InputStream in, long fileSize, String source) throws IOException {
    byte[] pre = in.readNBytes(8);
    if (pre.length < 8) {
      throw bad(source, "file too short for a .npy header (" + pre.length + " bytes, expected at least 10)");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (pre[i] != MAGIC[i]) {
        throw bad(source, "not a .npy file: it does not start with \\x93NUMPY");
      }
    }
    int major = pre[6] & 0xFF;
    int lengthBytes;
    if (major == 1) {
      lengthBytes = 2;
    } else if (major == 2 || major == 3) {
      lengthBytes = 4;
    } else {
      throw bad(source, ".npy format version " + major + "." + (pre[7] & 0xFF) + " is not supported (1.0, 2.0 or 3.0)");
    }
    byte[] len = in.readNBytes(lengthBytes);
    if (len.length < lengthBytes) {
      throw bad(source, "truncated .npy header length");
    }
    long headerLength = 0;
    for (int i = lengthBytes - 1; i >= 0; i--) {
      headerLength = (headerLength << 8) | (len[i] & 0xFF);
    }
    if (headerLength > MAX_HEADER_BYTES) {
      throw bad(source, ".npy header length " + headerLength + " bytes is more than " + MAX_HEADER_BYTES + "; corrupt file?");
    }
    byte[] text = in.readNBytes((int) headerLength);
    if (text.length < headerLength) {
      throw bad(source, "truncated .npy header: " + headerLength + " bytes declared, " + text.length + " present");
    }
    String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).trim();
    if (!dict.startsWith("{") || !dict.endsWith("}")) {
      throw bad(source, ".npy header is not a dict literal: '" + abbreviate(dict) + "'");
    }
    Matcher descr = DESCR.matcher(dict);
    Matcher fortran = FORTRAN.matcher(dict);
    Matcher shapeM = SHAPE.matcher(dict);
    if (!descr.find() || !fortran.find() || !shapeM.find()) {
      throw bad(source, ".npy header lacks 'descr', 'fortran_order' or 'shape': '" + abbreviate(dict) + "'");
    }
    if (fortran.group(1).equals("True")) {
      throw bad(source, "the array is in Fortran order; save it in C order (numpy.ascontiguousarray) before training");
    }
    String d = descr.group(1);
    if (d.length() != 3) {
      throw bad(source, "dtype '" + d + "' is not supported; expected uint8 (|u1), float32 (<f4) or float64 (<f8)");
    }
    ByteOrder order = switch (d.charAt(0)) {
      case '<', '|', '=' -> ByteOrder.LITTLE_ENDIAN;
      case '>' -> ByteOrder.BIG_ENDIAN;
      default -> throw bad(source, "dtype '" + d + "' has an unknown byte order '" + d.charAt(0) + "'");
    };
    char kind = d.charAt(1);
    int size = Character.digit(d.charAt(2), 10);
    boolean supported = switch (kind) {
      case 'u' -> size == 1 || size == 2 || size == 4;
      case 'i' -> size == 1 || size == 2 || size == 4 || size == 8;
      case 'f' -> size == 4 || size == 8;
      default -> false;
    };
    if (!supported) {
      throw bad(source, "dtype '" + d + "' is not supported; expected uint8 (|u1), float32 (<f4) or float64 (<f8)"
          + " (integer types for labels)");
    }
    List<Long> dims = new ArrayList<>();
    for (String part : shapeM.group(1).split(",")) {
      String p = part.trim();
      if (p.endsWith("L")) {
        p = p.substring(0, p.length() - 1); // Python 2 longs
      }
      if (p.isEmpty()) {
        continue;
      }
      long v;
      try {
        v = Long.parseLong(p);
      } catch (NumberFormatException e) {
        throw bad(source, "shape entry '" + part.trim() + "' is not a whole number");
      }
      if (v < 1) {
        throw bad(source, "shape (" + shapeM.group(1).trim() + ") has a dimension " + v + "; every dimension must be >= 1");
      }
      dims.add(v);
    }
    if (dims.isEmpty()) {
      throw bad(source, "the array is a scalar (shape ()); expected [N, ...]");
    }
    if (dims.size() > MAX_DIMENSIONS) {
      throw bad(source, "the array has " + dims.size() + " dimensions; at most " + MAX_DIMENSIONS + " are read");
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    long count = 1;
    for (long v : shape) {
      if (count > Long.MAX_VALUE / 8 / v) {
        throw bad(source, "shape (" + shapeM.group(1).trim() + ") declares more values than any file holds; corrupt header?");
      }
      count *= v;
    }
    long offset = 6 + 2 + lengthBytes + headerLength;
    long expected = offset + count * size;
    if (fileSize != expected) {
      throw bad(source, "shape (" + shapeM.group(1).trim() + ") of " + d + " needs " + count * size + " data bytes, the file has "
          + (fileSize - offset) + (fileSize < expected ? " (truncated)" : " (trailing bytes)"));
    }
    return new NpyHeader(kind, size, order, shape, offset);
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }

  private static IllegalArgumentException bad(String source, String what) {
    return new IllegalArgumentException(source + ": " + what);
  }
}
