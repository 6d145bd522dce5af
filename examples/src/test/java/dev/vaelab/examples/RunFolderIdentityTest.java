package dev.vaelab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaelab.lab.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run folder is (issue 30, group 1 — the two cases that deleted a user's data): a folder marked
 * by {@code vaelab-run.json} whose config.json reads as a run's settings, or a run of an older version
 * recognised by its full set of files. A folder with any other config.json is never cleared by {@code
 * --overwrite}; {@code --overwrite} deletes only a run's own files; an export never replaces a run, its
 * own or another, and two commands never write one output together (group 2).
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

  /** Issue 30, group 2: an encode or sample output never replaces a run's own file, nor leaves a stale labels file, nor takes the wrong format. */
  @Test
  void outputsNeverClobberTheRunNorMisdescribeWhatTheyHold() throws Exception {
    Path r = run("r");
    String metrics = Files.readString(r.resolve("metrics.csv"));
    RunFolderTest.Exit clobber = RunFolderTest.cli("encode", "--run", r.toString(), "--out", r.resolve("metrics.csv").toString());
    assertThat(clobber.code()).isEqualTo(1);
    assertThat(clobber.err()).contains("is the run's own metrics.csv");
    assertThat(Files.readString(r.resolve("metrics.csv"))).isEqualTo(metrics);
    assertThat(RunFolderTest.cli("sample", "--run", r.toString(), "--out", r.resolve("checkpoint/x.png").toString()).err())
        .contains("is the run's own checkpoint");

    RunFolderTest.Exit wrongKind = RunFolderTest.cli("sample", "--run", r.toString(), "--out", tmp.resolve("s.txt").toString());
    assertThat(wrongKind.code()).isEqualTo(1);
    assertThat(wrongKind.err()).contains("written as PNG").contains("name a .png file");
    assertThat(tmp.resolve("s.txt")).doesNotExist();

    // an unlabelled run encoded to z.npy: an earlier z.labels.npy beside it is removed, not left to be read as its labels
    Path csv = tmp.resolve("pts.csv");
    StringBuilder b = new StringBuilder("x,y\n");
    java.util.Random rnd = new java.util.Random(1);
    for (int i = 0; i < 200; i++) {
      b.append(rnd.nextGaussian() + (i % 2) * 5).append(',').append(rnd.nextGaussian()).append('\n');
    }
    Files.writeString(csv, b.toString());
    Path g = tmp.resolve("g");
    assertThat(RunFolderTest.cli("train", "--model", "gmm", "--data", csv.toString(), "--components", "2", "--out", g.toString()).code()).isZero();
    Path z = tmp.resolve("z.npy");
    Files.writeString(tmp.resolve("z.labels.npy"), "stale");
    assertThat(RunFolderTest.cli("encode", "--run", g.toString(), "--out", z.toString()).code()).isZero();
    assertThat(z).isRegularFile();
    assertThat(tmp.resolve("z.labels.npy")).doesNotExist();
    RunFolderTest.Exit pngOfRows = RunFolderTest.cli("sample", "--run", g.toString(), "--out", tmp.resolve("s.png").toString());
    assertThat(pngOfRows.err()).contains("written as CSV").contains("name a .csv file");
  }

  /** Issue 30, group 7 (in part): a refused value names the option the user typed; the help of an unknown model is an error. */
  @Test
  void refusalsNameTheOptionTypedAndAnUnknownModelsHelpIsAnError() {
    RunFolderTest.Exit lr = RunFolderTest.cli("train", "--lr", "-1", "--out", tmp.resolve("x").toString());
    assertThat(lr.code()).isEqualTo(1);
    assertThat(lr.err()).contains("--lr: learning_rate must be a finite number > 0, got -1.0");
    assertThat(RunFolderTest.cli("train", "--prior", "foo", "--out", tmp.resolve("x").toString()).err())
        .contains("--prior: prior must be one of [standard, mog, vamp, conditional], got 'foo'");
    assertThat(tmp.resolve("x")).doesNotExist();
    RunFolderTest.Exit help = RunFolderTest.cli("train", "--model", "nosuch", "--help");
    assertThat(help.code()).isEqualTo(2);
    assertThat(help.err()).contains("unknown model 'nosuch'").contains("gaussian-vae");
  }

  /** Issue 30, group 8 in part: block sizes are checked before they overflow, naming the option and the product. */
  @Test
  void sizesThatWouldOverflowAreRefusedBeforeAnyWork() {
    Path out = tmp.resolve("big");
    RunFolderTest.Exit batch = RunFolderTest.cli("train", "--batch-size", "1000000000", "--epochs", "1", "--train-limit", "200",
        "--test-limit", "50", "--out", out.toString());
    assertThat(batch.code()).isEqualTo(1);
    // 10^9 × 784 = 784,000,000,000 > 2^31 − 1
    assertThat(batch.err()).contains("--batch-size 1000000000: 1,000,000,000 examples in one batch × 784 values each = 784,000,000,000 values");
    assertThat(out.resolve("config.json")).doesNotExist();
    Path r = run("r");
    RunFolderTest.Exit n = RunFolderTest.cli("sample", "--run", r.toString(), "-n", "3000000", "--out", tmp.resolve("s.png").toString());
    assertThat(n.code()).isEqualTo(1);
    assertThat(n.err()).contains("-n 3000000: 3,000,000 samples × 784 values each = 2,352,000,000 values");
    // the importance-sampled likelihood: K × examples per block × 8 bytes against the heap, before any work
    RunFolderTest.Exit nll = RunFolderTest.cli("evaluate", "--run", r.toString(), "--nll", "2000000000");
    assertThat(nll.code()).isEqualTo(1);
    assertThat(nll.err()).contains("--nll 2000000000: 2,000,000,000 importance samples × 20 examples per block × 8 bytes = 320,000,000,000 bytes")
        .contains("Java heap");
    Path big = tmp.resolve("bignll");
    RunFolderTest.Exit nllK = RunFolderTest.cli("train", "--nll-k", "2000000000", "--epochs", "1", "--train-limit", "200", "--test-limit", "50",
        "--out", big.toString());
    assertThat(nllK.code()).isEqualTo(1);
    assertThat(nllK.err()).contains("--nll-k 2000000000: 2,000,000,000 importance samples × 20 examples per block");
    assertThat(big.resolve("checkpoint")).doesNotExist(); // refused before training, not after
    // an IWAE decodes batch × k samples in one tensor: 128 × 5,000,000 × 784 is refused before training
    Path iw = tmp.resolve("bigk");
    RunFolderTest.Exit k = RunFolderTest.cli("train", "--model", "iwae", "--k", "5000000", "--epochs", "1", "--train-limit", "200",
        "--test-limit", "50", "--nll-k", "0", "--out", iw.toString());
    assertThat(k.code()).isEqualTo(1);
    assertThat(k.err()).contains("--batch-size 128 --k 5000000: 640,000,000 decoded samples in one batch");
    assertThat(iw.resolve("checkpoint")).doesNotExist();
    // within one block but beyond the heap: 2,000,000 × 784 floats = 6.3 GB (the tests run with -Xmx2g)
    RunFolderTest.Exit heap = RunFolderTest.cli("sample", "--run", r.toString(), "-n", "2000000", "--out", tmp.resolve("h.png").toString());
    assertThat(heap.code()).isEqualTo(1);
    assertThat(heap.err()).contains("-n 2000000: 2,000,000 samples × 784 values × 4 bytes = 6,272,000,000 bytes, more than half the Java heap");
    // at the edge: 2,739,137 × 784 = 2,147,483,408 fits in 2^31 − 1 = 2,147,483,647; 2,739,138 × 784 = 2,147,484,192 does not
    dev.vaelab.lab.run.Sizes.checkBlock("-n", 2_739_137, 784, "samples");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.vaelab.lab.run.Sizes.checkBlock("-n", 2_739_138, 784, "samples"))
        .hasMessageContaining("2,147,484,192 values");
  }

  @Test
  void aRunIsMarkedAndOverwriteDeletesOnlyTheRunsOwnFiles() throws Exception {
    Path r = run("m");
    var mark = dev.vaelab.lab.run.RunManifest.readRun(r).orElseThrow();
    assertThat(mark.model()).isEqualTo("gaussian-vae");
    assertThat(mark.version()).isEqualTo(1);
    Files.writeString(r.resolve("notes.txt"), "mine");
    Files.createDirectories(r.resolve("plots"));
    Files.writeString(r.resolve("plots/p.txt"), "mine too");
    Lab.train(TrainRunTest.tiny().withTraining(TrainRunTest.tiny().training().with("epochs", 1).with("nllK", 0)), r, true, TrainRunTest.QUIET);
    assertThat(Files.readString(r.resolve("notes.txt"))).isEqualTo("mine");
    assertThat(Files.readString(r.resolve("plots/p.txt"))).isEqualTo("mine too");
    var again = dev.vaelab.lab.run.RunManifest.readRun(r).orElseThrow();
    assertThat(again.id()).isNotEqualTo(mark.id()); // a new run, with its own identity
    assertThat(r.resolve("summary.json")).isRegularFile();
  }

  @Test
  void aRunOfAnOlderVersionIsRecognisedByItsFilesAndAConfigAloneIsNot() throws Exception {
    Path r = run("old");
    Files.delete(r.resolve(dev.vaelab.lab.run.RunManifest.RUN_FILE)); // as written before the mark
    assertThat(dev.vaelab.lab.run.RunFolder.isRun(r)).isTrue();
    assertThat(RunFolderTest.cli("evaluate", "--run", r.toString(), "--nll", "0").code()).isZero();
    RunFolderTest.Exit refused = RunFolderTest.cli("train", "--epochs", "1", "--out", r.toString());
    assertThat(refused.err()).contains("already holds a run");

    // a valid config.json alone (copied, say) is not a run: never cleared
    Path c = tmp.resolve("c");
    Files.createDirectories(c);
    Files.copy(r.resolve("config.json"), c.resolve("config.json"));
    Files.writeString(c.resolve("keep.txt"), "x");
    assertThat(dev.vaelab.lab.run.RunFolder.isRun(c)).isFalse();
    RunFolderTest.Exit e = RunFolderTest.cli("train", "--epochs", "1", "--out", c.toString(), "--overwrite");
    assertThat(e.code()).isEqualTo(1);
    assertThat(e.err()).contains("no run");
    assertThat(c.resolve("keep.txt")).isRegularFile();
  }

  @Test
  void anExportIsMarkedAndAFolderOfOtherFilesIsNeverReplaced() throws Exception {
    Path a = run("a");
    Path out = tmp.resolve("exp");
    assertThat(RunFolderTest.cli("export", "--run", a.toString(), "--out", out.toString()).code()).isZero();
    var mark = dev.vaelab.lab.run.RunManifest.readExport(out).orElseThrow();
    assertThat(mark.id()).isEqualTo(dev.vaelab.lab.run.RunManifest.readRun(a).orElseThrow().id());
    assertThat(mark.source()).isEqualTo(a.toAbsolutePath().normalize().toString());
    RunFolderTest.Exit again = RunFolderTest.cli("export", "--run", a.toString(), "--out", out.toString());
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("holds an earlier export").contains("--overwrite");

    Path mine = tmp.resolve("mine");
    Files.createDirectories(mine);
    Files.writeString(mine.resolve("thesis.tex"), "x");
    RunFolderTest.Exit e = RunFolderTest.cli("export", "--run", a.toString(), "--out", mine.toString(), "--overwrite");
    assertThat(e.code()).isEqualTo(1);
    assertThat(e.err()).contains("is not an exported model").contains("never deleted");
    assertThat(mine.resolve("thesis.tex")).isRegularFile();
  }

  /** Issue 30, group 2: an existing output is replaced only with --overwrite; one output is written by one command at a time. */
  @Test
  void anOutputIsClaimedExistingOnesNeedOverwriteAndTwoWritersNeverBothSucceed() throws Exception {
    Path r = run("r");
    Path csv = tmp.resolve("z.csv");
    assertThat(RunFolderTest.cli("encode", "--run", r.toString(), "--out", csv.toString()).code()).isZero();
    String first = Files.readString(csv);
    RunFolderTest.Exit exists = RunFolderTest.cli("encode", "--run", r.toString(), "--out", csv.toString(), "--split", "test");
    assertThat(exists.code()).isEqualTo(1);
    assertThat(exists.err()).contains("--out " + csv + " exists").contains("--overwrite");
    assertThat(Files.readString(csv)).isEqualTo(first);
    assertThat(RunFolderTest.cli("encode", "--run", r.toString(), "--out", csv.toString(), "--split", "test", "--overwrite").code()).isZero();
    assertThat(Files.readString(csv)).isNotEqualTo(first);

    Path png = tmp.resolve("s.png");
    assertThat(RunFolderTest.cli("sample", "--run", r.toString(), "--out", png.toString()).code()).isZero();
    assertThat(RunFolderTest.cli("sample", "--run", r.toString(), "--out", png.toString()).err()).contains("exists");
    assertThat(RunFolderTest.cli("sample", "--run", r.toString(), "--out", png.toString(), "--overwrite").code()).isZero();

    // another process holds the claim of a new export folder: this one is refused at once, and nothing is written
    Path out = tmp.resolve("shared-export");
    String cp = System.getProperty("java.class.path");
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
        HoldOutput.class.getName(), out.toString()).redirectErrorStream(true).start();
    try {
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream()));
      assertThat(in.readLine()).isEqualTo("held");
      RunFolderTest.Exit busy = RunFolderTest.cli("export", "--run", r.toString(), "--out", out.toString());
      assertThat(busy.code()).isEqualTo(1);
      assertThat(busy.err()).contains("is being written by another vaelab command");
      assertThat(out).doesNotExist();
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor()).isZero();
    }
    assertThat(RunFolderTest.cli("export", "--run", r.toString(), "--out", out.toString()).code()).isZero();
    assertThat(tmp.resolve(".shared-export.lock")).doesNotExist();
  }

  /** Issue 30, group 9: a divergence on the last step stops the run; no NaN checkpoint is written, no summary claims a result. */
  @Test
  void aDivergenceOnTheLastStepStopsTheRunAndNoNanCheckpointIsCalledGood() throws Exception {
    Path d = tmp.resolve("diverged");
    // one step per epoch (128 rows, batch 128): its update is the last one, seen by no later loss
    RunFolderTest.Exit e = RunFolderTest.cli("train", "--lr", "1e9", "--epochs", "1", "--train-limit", "128", "--batch-size", "128",
        "--test-limit", "100", "--nll-k", "0", "--out", d.toString());
    assertThat(e.code()).isEqualTo(1);
    assertThat(e.err()).contains("training diverged at step 1 (epoch 1)").contains("last good checkpoint: none");
    assertThat(d.resolve("summary.json")).doesNotExist();
    assertThat(d.resolve("checkpoint/epoch-000001")).doesNotExist();
  }

  /** Holds the claim of the folder named by its argument until its standard input closes (another process, for the test above). */
  public static final class HoldOutput {
    public static void main(String[] args) throws Exception {
      try (var claim = dev.vaelab.lab.run.OutputClaim.claim(Path.of(args[0]), "--out", false, null, true)) {
        System.out.println("held");
        System.out.flush();
        while (System.in.read() >= 0) {
          // wait for the test to close our input
        }
      }
    }
  }
}
