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

  /** {@link #checkBlock}, then the block's float values (4 bytes each) against half the heap ({@link #checkHeap}). */
  public static void checkFloats(String option, long rows, long width, String what) {
    checkBlock(option, rows, width, what);
    checkHeap(option, product(product(rows, width), 4), String.format(Locale.ROOT, "%,d %s × %,d values × 4 bytes", rows, what, width));
  }

  /** Share of the Java heap one allocation may take. */
  public static final double HEAP_SHARE = 0.5;

  /**
   * Refuses an allocation of {@code bytes} larger than {@link #HEAP_SHARE} of the Java heap's maximum
   * ({@code -Xmx}), before any work, naming the option, the product and the heap.
   *
   * @param option the option as typed ("--nll 2000000000")
   * @param product the product in words ("2,000,000,000 samples × 20 examples per block × 8 bytes")
   */
  public static void checkHeap(String option, long bytes, String product) {
    long max = Runtime.getRuntime().maxMemory();
    if (bytes > max * HEAP_SHARE) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s: %s = %,d bytes, more than half the Java heap (%,d bytes, -Xmx); give a smaller value", option, product, bytes, max));
    }
  }

  /**
   * The importance-sampled log-likelihood with {@code k} samples per example holds K log-weights (8
   * bytes) for each example of a block of min(examples, {@code blockRows}): refused before training
   * or evaluating when that exceeds the heap ({@link #checkHeap}).
   */
  public static void checkImportanceSamples(String option, long k, long examples, int blockRows) {
    long rows = Math.max(1, Math.min(examples, blockRows));
    checkHeap(option, product(product(k, rows), 8), String.format(Locale.ROOT, "%,d importance samples × %,d examples per block × 8 bytes",
        k, rows));
  }
}
