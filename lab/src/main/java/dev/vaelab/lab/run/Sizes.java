package dev.vaelab.lab.run;

import java.util.Locale;

/**
 * Sizes checked before they overflow: a block of {@code rows × width} values is held in one Java
 * array or tensor buffer, so it must hold at most 2^31 − 1 values; a larger request is refused before
 * any work, naming the option, the product and what to do, instead of failing later with a negative
 * size.
 */
public final class Sizes {
  /** The most values one block can hold. */
  public static final long MAX_VALUES = Integer.MAX_VALUE;

  private Sizes() {}

  /** rows × width, or Long.MAX_VALUE when even that overflows. */
  private static long product(long rows, long width) {
    try {
      return Math.multiplyExact(rows, width);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Refuses {@code rows × width > 2^31 − 1}.
   *
   * @param option the option that set {@code rows} ("--batch-size 1000000000")
   * @param what what the rows are ("examples in one batch")
   */
  public static void checkBlock(String option, long rows, long width, String what) {
    if (rows > 0 && width > 0 && rows > MAX_VALUES / width) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s: %,d %s × %,d values each = %,d values, more than one block holds (%,d); give a smaller value",
          option, rows, what, width, product(rows, width), MAX_VALUES));
    }
  }
}
