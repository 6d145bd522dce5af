package dev.vaelab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetResolverTest {
  @TempDir Path tmp;

  @Test
  void findsTheFirstFolderWithAllFourFiles() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Path partial = Files.createDirectories(tmp.resolve("partial"));
    Files.write(partial.resolve("train-images-idx3-ubyte.gz"), new byte[] {1});
    Path full = Files.createDirectories(tmp.resolve("full"));
    for (String f : DatasetResolver.SHA256_UNCOMPRESSED.keySet()) {
      Files.write(full.resolve(f), new byte[] {1});
    }
    DatasetResolver r = new DatasetResolver(List.of(empty, partial, full), null, null);
    assertThat(r.findLocal()).contains(full);
  }

  @Test
  void downloadIsVerifiedAgainstTheContentDigest() throws IOException {
    // a "mirror" holding the embedded files, whose content is not the full data set
    Path mirror = Files.createDirectories(tmp.resolve("mirror"));
    for (String f : DatasetResolver.SHA256_UNCOMPRESSED.keySet()) {
      try (InputStream in = EmbeddedData.open(f)) {
        Files.copy(in, mirror.resolve(f));
      }
    }
    Path target = tmp.resolve("download");
    DatasetResolver r = new DatasetResolver(List.of(), target, mirror.toUri());
    assertThatThrownBy(r::resolve)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("failed its check")
        .hasMessageContaining("expected");
    // nothing unverified is left where a later run would trust it
    try (var s = Files.list(target)) {
      assertThat(s.filter(p -> p.getFileName().toString().endsWith(".gz")).toList()).isEmpty();
    }
  }

  @Test
  void downloadFromAGoodMirrorSucceeds() throws IOException {
    // the real files: $VAELAB_DATA, else Debian's dataset-fashion-mnist; skipped (with this message) where neither is present
    String env = System.getenv(DatasetResolver.ENV_DATA);
    Path real = env != null && !env.isBlank() ? Path.of(env) : DatasetResolver.SYSTEM_DIR;
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(real.resolve("t10k-labels-idx1-ubyte.gz")),
        "Fashion-MNIST not found in $VAELAB_DATA or " + DatasetResolver.SYSTEM_DIR + " (Debian's dataset-fashion-mnist)");
    Path target = tmp.resolve("download");
    DatasetResolver r = new DatasetResolver(List.of(), target, real.toUri());
    assertThat(r.resolve()).isEqualTo(target);
    for (var e : DatasetResolver.SHA256_UNCOMPRESSED.entrySet()) {
      assertThat(DatasetResolver.sha256Uncompressed(target.resolve(e.getKey()))).isEqualTo(e.getValue());
    }
    assertThat(FashionMnist.load(target, FashionMnist.Split.TEST).size()).isEqualTo(10_000);
  }

  @Test
  void aMissingExplicitFolderIsNamed() {
    assertThatThrownBy(() -> DatasetResolver.standard(tmp.resolve("nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }

  /** Issue 30, group 6: files found locally ($VAELAB_DATA, say) are checked as downloads are — the embedded slice does not pass for Fashion-MNIST. */
  @Test
  void filesFoundLocallyAreVerifiedLikeDownloads() throws IOException {
    Path found = Files.createDirectories(tmp.resolve("found"));
    for (String f : DatasetResolver.SHA256_UNCOMPRESSED.keySet()) {
      try (InputStream in = EmbeddedData.open(f)) {
        Files.copy(in, found.resolve(f));
      }
    }
    DatasetResolver r = new DatasetResolver(List.of(found), null, null);
    assertThat(r.findLocal()).contains(found);
    assertThatThrownBy(r::resolve).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(found.toString()).hasMessageContaining("has content SHA-256").hasMessageContaining("expected")
        .hasMessageContaining("not the Fashion-MNIST files");
  }
}
