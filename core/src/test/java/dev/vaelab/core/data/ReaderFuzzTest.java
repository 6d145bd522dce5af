package dev.vaelab.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * At least 5,000 malformed inputs for each reader of issue 15 — .npy, CSV, PNG/JPEG image folders,
 * IDX folders of any image size: each is read or rejected with an IllegalArgumentException (or an
 * UncheckedIOException) whose message names the file; no other exception escapes, nothing hangs
 * (the timeout), nothing runs out of memory. Counts in docs/reliability.md.
 */
class ReaderFuzzTest {
  static final int INPUTS = 5000;

  @TempDir Path tmp;

  /** The outcome counts of one reader's fuzzing. */
  record Outcome(int read, int rejected) {}

  static byte[] mutate(byte[] in, Random r) {
    byte[] b = in.clone();
    switch (r.nextInt(5)) {
      case 0, 1 -> {
        for (int i = 0; i < 1 + r.nextInt(6); i++) {
          b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
      }
      case 2 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
      case 3 -> {
        byte[] extra = new byte[1 + r.nextInt(40)];
        r.nextBytes(extra);
        byte[] c = java.util.Arrays.copyOf(b, b.length + extra.length);
        System.arraycopy(extra, 0, c, b.length, extra.length);
        b = c;
      }
      default -> {
        int at = r.nextInt(b.length);
        int len = Math.min(b.length - at, 1 + r.nextInt(8));
        System.arraycopy(b, at, b, r.nextInt(b.length - len + 1), len); // a block copied elsewhere
      }
    }
    return b;
  }

  /** Runs {@code read} on INPUTS mutated files named fuzz-i.SUFFIX; every failure must be a clean rejection naming the file. */
  Outcome fuzz(String suffix, List<byte[]> seeds, long seed, Function<Path, Object> read) throws Exception {
    Random r = new Random(seed);
    Path dir = Files.createDirectories(tmp.resolve(suffix + "-" + seed));
    int read_ = 0;
    int rejected = 0;
    for (int i = 0; i < INPUTS; i++) {
      byte[] input = mutate(seeds.get(r.nextInt(seeds.size())), r);
      Path f = dir.resolve("fuzz-" + i + "." + suffix);
      Files.write(f, input);
      try {
        read.apply(f);
        read_++;
      } catch (IllegalArgumentException | UncheckedIOException e) {
        assertThat(e.getMessage()).as("input %d: %s", i, e).contains("fuzz-" + i);
        rejected++;
      }
      Files.delete(f);
    }
    System.out.printf("%s fuzz: %d inputs, %d read, %d rejected cleanly, 0 crashes%n", suffix, INPUTS, read_, rejected);
    return new Outcome(read_, rejected);
  }

  @Test
  @Timeout(120)
  void npy() throws Exception {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(NpyFileTest.npy("|u1", "(3, 4, 4)", new byte[48]));
    seeds.add(NpyFileTest.npy("<f4", "(2, 5)", NpyFileTest.floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)));
    seeds.add(NpyFileTest.npy("<f8", "(1, 3, 2, 6)", new byte[8 * 36]));
    seeds.add(NpyFileTest.npy(">f4", "(2, 2, 2, 1)", new byte[32]));
    Outcome o = fuzz("npy", seeds, 15, f -> new NpyFile(f).load(null));
    assertThat(o.read() + o.rejected()).isEqualTo(INPUTS);
    assertThat(o.rejected()).isPositive();
    Outcome labels = fuzz("labels.npy", List.of(NpyFileTest.npy("<i8", "(3,)",
        ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(1).putLong(2).putLong(3).array())), 16, f -> NpyFile.readLabels(f, 3));
    assertThat(labels.read() + labels.rejected()).isEqualTo(INPUTS);
  }

  @Test
  @Timeout(120)
  void csv() throws Exception {
    List<byte[]> seeds = List.of(
        "a,b,label\n1.5,2,cat\n3,4e-2,dog\n-1,0,cat\n".getBytes(StandardCharsets.UTF_8),
        "# comment\n1 2 3\n4 5 6\n\n7 8 9\n".getBytes(StandardCharsets.UTF_8),
        "x;y\n0.1;0.2\n0.3;0.4\n".getBytes(StandardCharsets.UTF_8),
        "\"first value\"\t\"b\"\tlabel\n1.5\t2\t-1\n3\t4\t10.0\n".getBytes(StandardCharsets.UTF_8),
        "a;b;c\n0,3456;0,8216;\"x;y\"\n".getBytes(StandardCharsets.UTF_8));
    Outcome plain = fuzz("csv", seeds, 17, f -> CsvTable.read(f, false, null).toShapedData(f.toString()));
    Outcome labelled = fuzz("csv", seeds, 18, f -> CsvTable.read(f, false, "3").toShapedData(f.toString()));
    assertThat(plain.read() + plain.rejected() + labelled.read() + labelled.rejected()).isEqualTo(2 * INPUTS);
    assertThat(plain.rejected()).isPositive();
  }

  @Test
  @Timeout(300)
  void imageFolders() throws Exception {
    List<byte[]> seeds = new ArrayList<>();
    for (String format : new String[] {"png", "jpg"}) {
      for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_BYTE_GRAY}) {
        BufferedImage img = new BufferedImage(6, 5, type);
        for (int y = 0; y < 5; y++) {
          for (int x = 0; x < 6; x++) {
            img.setRGB(x, y, (x * 40) << 16 | (y * 50) << 8 | 90);
          }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        seeds.add(out.toByteArray());
      }
    }
    // each input alone in a class folder of an image folder, read as grey and as RGB, resized
    Path root = Files.createDirectories(tmp.resolve("images"));
    Outcome o = fuzz("png", seeds, 19, f -> {
      try {
        Path cls = Files.createDirectories(root.resolve("c"));
        Path target = cls.resolve(f.getFileName());
        Files.copy(f, target);
        try {
          return ImageFolder.load(root, ImageFolder.Options.parse(f.hashCode() % 2 == 0 ? "" : "4x3", 1 + 2 * (f.hashCode() & 1)));
        } finally {
          Files.delete(target);
        }
      } catch (java.io.IOException e) {
        throw new UncheckedIOException(f + ": " + e.getMessage(), e);
      }
    });
    assertThat(o.read() + o.rejected()).isEqualTo(INPUTS);
    assertThat(o.read()).isPositive();
    assertThat(o.rejected()).isPositive();
  }

  @Test
  @Timeout(120)
  void idxImagesOfAnySize() throws Exception {
    List<byte[]> seeds = List.of(
        IdxReaderTest.idx(0x08, new int[] {2, 5, 7}, new byte[70]),
        IdxReaderTest.idx(0x08, new int[] {1, 3, 3, 3}, new byte[27]),
        IdxReaderTest.idx(0x08, new int[] {4, 2, 2}, new byte[16]));
    Outcome o = fuzz("idx3-ubyte", seeds, 20, f -> {
      try {
        return IdxFolder.toShapedData(f.toString(), IdxReader.read(f), null);
      } catch (IdxFormatException e) {
        throw new IllegalArgumentException(e.getMessage(), e); // IdxFormatException is the IDX reader's rejection
      }
    });
    assertThat(o.read() + o.rejected()).isEqualTo(INPUTS);
  }
}
