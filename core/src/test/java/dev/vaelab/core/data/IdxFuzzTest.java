package dev.vaelab.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random and mutated IDX inputs, plain and gzip: each is read correctly or rejected
 * with {@link IdxFormatException}; nothing else escapes, nothing hangs, nothing runs out of memory.
 * The counts are reported in docs/reliability.md.
 */
class IdxFuzzTest {
  static final int INPUTS = 6000;

  static byte[] valid(Random r) {
    int n = 1 + r.nextInt(3);
    int[] dims = new int[n];
    int total = 1;
    for (int i = 0; i < n; i++) {
      dims[i] = 1 + r.nextInt(6);
      total *= dims[i];
    }
    byte[] data = new byte[total];
    r.nextBytes(data);
    return IdxReaderTest.idx(0x08, dims, data);
  }

  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(raw);
    }
    return bos.toByteArray();
  }

  static byte[] mutate(byte[] in, Random r) {
    byte[] b = in.clone();
    switch (r.nextInt(4)) {
      case 0 -> { // flip bytes
        for (int i = 0; i < 1 + r.nextInt(4); i++) {
          b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
      }
      case 1 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1)); // truncate
      case 2 -> { // append garbage
        byte[] extra = new byte[1 + r.nextInt(20)];
        r.nextBytes(extra);
        byte[] c = java.util.Arrays.copyOf(b, b.length + extra.length);
        System.arraycopy(extra, 0, c, b.length, extra.length);
        b = c;
      }
      default -> { // pure noise
        b = new byte[r.nextInt(64)];
        r.nextBytes(b);
      }
    }
    return b;
  }

  @Test
  void everyInputIsReadOrRejectedCleanly() throws Exception {
    Random r = new Random(2026);
    int read = 0;
    int rejected = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < INPUTS; i++) {
      byte[] base = valid(r);
      byte[] input = (i % 10 == 0) ? base : mutate(base, r);
      if (r.nextBoolean()) {
        input = r.nextInt(4) == 0 ? mutate(gzip(input), r) : gzip(input);
      }
      try {
        IdxArray a = IdxReader.read(new ByteArrayInputStream(input), "fuzz-" + i);
        long expected = 1;
        for (int d : a.dimensions()) {
          expected *= d;
        }
        assertThat(a.values().length).isEqualTo(expected);
        read++;
      } catch (IdxFormatException e) {
        assertThat(e.getMessage()).contains("fuzz-" + i);
        rejected++;
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("IDX fuzz: %d inputs, %d read, %d rejected cleanly, 0 crashes, %.2f s%n", INPUTS, read, rejected, seconds);
    assertThat(read + rejected).isEqualTo(INPUTS);
    assertThat(read).isPositive();
    assertThat(rejected).isPositive();
    assertThat(seconds).as("bounded in time").isLessThan(60);
  }
}
