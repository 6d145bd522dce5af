package dev.vaelab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaelab.lab.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run folder is (issue 30, group 1 — the two cases that deleted a user's data): a folder whose
 * config.json reads as a run's settings (a model vaelab knows, settings of that model). A folder with any
 * other config.json is never cleared by {@code --overwrite}, and an export never replaces a run, its own
 * or another.
 */
class RunFolderIdentityTest {
  @TempDir Path tmp;

  /** A finished one-epoch run of the tiny Gaussian VAE in {@code dir}. */
  Path run(String name) {
    Path dir = tmp.resolve(name);
    Lab.train(TrainRunTest.tiny().withTraining(TrainRunTest.tiny().training().with("epochs", 1).with("nllK", 0)), dir, false, TrainRunTest.QUIET);
    return dir;
  }

  @Test
  void anyConfigJsonDoesNotMakeAFolderARunAndOtherFilesAreNeverDeleted() throws Exception {
    Path d = tmp.resolve("d");
    Files.createDirectories(d);
    Files.writeString(d.resolve("config.json"), "{}");
    Files.writeString(d.resolve("keep.txt"), "x");
    RunFolderTest.Exit e = RunFolderTest.cli("train", "--epochs", "1", "--out", d.toString(), "--overwrite");
    assertThat(e.code()).isEqualTo(1);
    assertThat(e.err()).contains("holds other files").contains("no run");
    assertThat(Files.readString(d.resolve("keep.txt"))).isEqualTo("x");
    assertThat(Files.readString(d.resolve("config.json"))).isEqualTo("{}");

  }

  @Test
  void anExportNeverReplacesARunItsOwnOrAnother() throws Exception {
    Path a = run("a");
    Path b = run("b");
    String summaryB = Files.readString(b.resolve("summary.json"));
    RunFolderTest.Exit other = RunFolderTest.cli("export", "--run", a.toString(), "--out", b.toString(), "--overwrite");
    assertThat(other.code()).isEqualTo(1);
    assertThat(other.err()).contains("holds a run, not an exported model");
    assertThat(Files.readString(b.resolve("summary.json"))).isEqualTo(summaryB);
    assertThat(b.resolve("checkpoint/LATEST")).exists();

    RunFolderTest.Exit itself = RunFolderTest.cli("export", "--run", a.toString(), "--out", a.toString(), "--overwrite");
    assertThat(itself.code()).isEqualTo(1);
    assertThat(itself.err()).contains("is the run folder");
    assertThat(a.resolve("checkpoint/LATEST")).exists();
    RunFolderTest.Exit inside = RunFolderTest.cli("export", "--run", a.toString(), "--out", a.resolve("export").toString());
    assertThat(inside.err()).contains("is inside the run folder");

    // an earlier export is replaced with --overwrite, as before
    Path out = tmp.resolve("export");
    assertThat(RunFolderTest.cli("export", "--run", a.toString(), "--out", out.toString()).code()).isZero();
    assertThat(RunFolderTest.cli("export", "--run", a.toString(), "--out", out.toString(), "--overwrite").code()).isZero();
    assertThat(out.resolve("saved_model.pb")).isRegularFile();
  }
}
