package dev.vaelab.core.data;

import dev.vaelab.core.io.AtomicFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes NumPy {@code .npy} files (format 1.0, C order, little-endian) that {@code numpy.load} and
 * {@link NpyFile} read: float32 matrices and int64 label vectors. Written atomically.
 */
public final class NpyWriter {
  private NpyWriter() {}

  /** Writes {@code rows × cols} floats (row-major) as a float32 array of shape (rows, cols). */
  public static void writeFloats(Path file, float[] values, int rows, int cols) {
    if ((long) rows * cols != values.length) {
      throw new IllegalArgumentException(values.length + " values are not " + rows + " × " + cols);
    }
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    write(file, "<f4", "(" + rows + ", " + cols + ")", b.array());
  }

  /** Writes labels as an int64 array of shape (n,). */
  public static void writeLabels(Path file, int[] labels) {
    ByteBuffer b = ByteBuffer.allocate(8 * labels.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : labels) {
      b.putLong(v);
    }
    write(file, "<i8", "(" + labels.length + ",)", b.array());
  }

  private static void write(Path file, String descr, String shape, byte[] data) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int unpadded = 10 + dict.length() + 1;
    String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
    AtomicFiles.write(file, out -> {
      out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (h.length & 0xFF), (byte) (h.length >> 8)});
      out.write(h);
      out.write(data);
    });
  }
}
