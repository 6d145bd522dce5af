package dev.vaelab.core.data;

import java.util.Arrays;

/**
 * The contents of an unsigned-byte IDX file: its dimensions and its values, row-major.
 *
 * @param dimensions e.g. {@code [60000, 28, 28]} for images, {@code [60000]} for labels
 * @param values the bytes, to be read unsigned ({@code v & 0xFF})
 */
public record IdxArray(int[] dimensions, byte[] values) {

  /** Size of the first dimension (number of items). */
  public int count() {
    return dimensions[0];
  }

  /** Number of values per item (product of the remaining dimensions; 1 for labels). */
  public int itemSize() {
    int s = 1;
    for (int i = 1; i < dimensions.length; i++) {
      s *= dimensions[i];
    }
    return s;
  }

  /** Unsigned value at flat index i. */
  public int unsigned(int i) {
    return values[i] & 0xFF;
  }

  @Override
  public String toString() {
    return "IdxArray" + Arrays.toString(dimensions);
  }
}
