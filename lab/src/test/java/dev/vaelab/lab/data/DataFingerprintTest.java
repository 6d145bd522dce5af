package dev.vaelab.lab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three ways a fingerprint hashes data, each recomputed here from its definition, and what a change does to it. */
class DataFingerprintTest {
  @TempDir Path tmp;

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void aLargeFileIsHashedBySizeAndSixtyFourEvenlySpacedBlocks() throws Exception {
    int block = DataFingerprint.BLOCK;
    byte[] data = new byte[3 * block + 12345];
    new Random(1).nextBytes(data);
    Path f = tmp.resolve("big.bin");
    Files.write(f, data);
    DataFingerprint fp = DataFingerprint.of(f, block); // above the limit: sampled
    assertThat(fp.kind()).isEqualTo("sampled");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(Long.toString(data.length).getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < DataFingerprint.SAMPLES; i++) { // block i starts at (size − BLOCK) · i / (SAMPLES − 1): the first and the last included
      long at = (long) (data.length - block) * i / (DataFingerprint.SAMPLES - 1);
      expected.write(data, (int) at, block);
    }
    assertThat(fp.sha256()).isEqualTo(sha256(expected.toByteArray()));
    assertThat(fp.bytes()).isEqualTo(data.length);
    // in full below the limit: the plain SHA-256 of the content
    assertThat(DataFingerprint.of(f, Long.MAX_VALUE).sha256()).isEqualTo(sha256(data));
    // a byte changed in the last block changes the sampled hash; the size is unchanged, the content is not
    data[data.length - 1] ^= 1;
    Files.write(f, data);
    DataFingerprint after = DataFingerprint.of(f, block);
    assertThat(after.sameContent(fp)).isFalse();
    assertThat(after.changesFrom(fp)).contains("content changed").doesNotContain("size");
  }

  @Test
  void aFolderIsHashedByItsFilesPathsSizesAndContentsOrPathsAndSizesAlone() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("images/b"));
    Files.createDirectories(tmp.resolve("images/a"));
    Files.writeString(tmp.resolve("images/a/1.png"), "one");
    Files.writeString(dir.resolve("2.png"), "two!");
    DataFingerprint full = DataFingerprint.of(tmp.resolve("images"), Long.MAX_VALUE);
    assertThat(full.kind()).isEqualTo("content");
    assertThat(full.files()).isEqualTo(2);
    assertThat(full.bytes()).isEqualTo(7);
    assertThat(full.sha256()).isEqualTo(sha256("a/1.png\n3\none".concat("b/2.png\n4\ntwo!").getBytes(StandardCharsets.UTF_8)));
    DataFingerprint listing = DataFingerprint.of(tmp.resolve("images"), 1);
    assertThat(listing.kind()).isEqualTo("listing");
    assertThat(listing.sha256()).isEqualTo(sha256("a/1.png\n3\nb/2.png\n4\n".getBytes(StandardCharsets.UTF_8)));
    // a file added: the count, the size and the hash say so
    Files.writeString(dir.resolve("3.png"), "x");
    DataFingerprint more = DataFingerprint.of(tmp.resolve("images"), Long.MAX_VALUE);
    assertThat(more.changesFrom(full)).contains("2 → 3 files").contains("size 7 → 8 bytes");
    // the one-line form reads back
    assertThat(DataFingerprint.parse(more.toString())).isEqualTo(more);
  }
}
