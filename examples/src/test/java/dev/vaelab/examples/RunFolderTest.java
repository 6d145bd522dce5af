package dev.vaelab.examples;

import dev.vaelab.lab.Lab;
import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunLock;
import dev.vaelab.lab.run.RunSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaelab.core.graph.Checkpoints;
import dev.vaelab.core.train.EpochMetrics;
import dev.vaelab.core.train.MetricsFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-folder guarantees: nothing silently lost, mixed or substituted (one test per case). */
class RunFolderTest {
  @TempDir Path tmp;

  static final PrintStream QUIET = TrainRunTest.QUIET;

  static RunSpec oneEpoch() {
    RunSpec t = TrainRunTest.tiny();
    return t.withTraining(t.training().with("epochs", 1).with("nllK", 0).with("nllExamples", 0));
  }

  /** Runs the command line; returns exit code and what it printed on stderr. */
  record Exit(int code, String err) {}

  static Exit cli(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Vaelab.execute(new PrintStream(err, true), args);
    return new Exit(code, err.toString());
  }

  @Test
  void aSecondProcessOnTheSameRunFolderIsRefusedNamingTheHolderAndAKilledHoldersLockIsTakenOver() throws Exception {
    Path run = tmp.resolve("locked");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Vaelab.class.getName(),
        "train", "--epochs", "200", "--train-limit", "500", "--hidden", "32", "--latent", "2", "--nll-k", "0", "--out", run.toString());
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    pb.redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile());
    Process child = pb.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.isRegularFile(run.resolve("config.json")) && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(run.resolve("config.json")).as("the child started its run (log %s)", tmp.resolve("child.log")).exists();
      Exit second = cli("train", "--epochs", "1", "--out", run.toString(), "--overwrite");
      assertThat(second.code()).isEqualTo(1);
      assertThat(second.err()).contains("in use by process " + child.pid()).contains("on host ");
      Exit resume = cli("train", "--resume", run.toString());
      assertThat(resume.code()).isEqualTo(1);
      assertThat(resume.err()).contains("in use by process " + child.pid());
    } finally {
      child.destroyForcibly(); // SIGKILL: the lock file stays behind, the OS lock does not
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(Files.readString(run.resolve(RunLock.FILE))).startsWith(child.pid() + " ");
    List<String> warnings = new ArrayList<>();
    try (RunLock lock = RunLock.acquire(run, warnings::add)) {
      assertThat(warnings).singleElement().asString().contains("process " + child.pid()).contains("no longer running");
      assertThat(Files.readString(run.resolve(RunLock.FILE))).startsWith(ProcessHandle.current().pid() + " ");
    }
    assertThat(run.resolve(RunLock.FILE)).doesNotExist();
  }

  @Test
  void aRunFolderInUseInThisProcessIsRefusedToo() {
    Path run = tmp.resolve("same");
    try (RunFolder first = RunFolder.create(run, "vae", false, w -> {})) {
      assertThatThrownBy(() -> RunFolder.create(run, "vae", true, w -> {}))
          .hasMessageContaining("in use by process " + ProcessHandle.current().pid());
    }
  }

  @Test
  void anExistingRunIsRefusedAndOverwriteClearsTheRunsOwnFilesCompletely() throws Exception {
    Path run = tmp.resolve("existing");
    Lab.train(oneEpoch(), run, false, QUIET);
    // a stale checkpoint of an older, longer run (it used to survive and make the pruning delete the new run's)
    Path stale = run.resolve("checkpoint/epoch-000009");
    Files.createDirectories(stale);
    Files.writeString(stale.resolve("model.index"), "old");
    Files.writeString(run.resolve("notes-of-the-old-run.txt"), "old");
    Exit refused = cli("train", "--epochs", "1", "--out", run.toString());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("already holds a run").contains("--resume").contains("--overwrite");
    assertThat(stale).exists();

    Lab.train(oneEpoch().withTraining(oneEpoch().training().with("epochs", 2)), run, true, QUIET);
    assertThat(stale).doesNotExist();
    // issue 30: --overwrite deletes the run's own files only; a file the user put there is kept
    assertThat(run.resolve("notes-of-the-old-run.txt")).hasContent("old");
    try (Stream<Path> s = Files.list(run.resolve("checkpoint"))) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("LATEST", "epoch-000001", "epoch-000002");
    }
    assertThat(MetricsFiles.read(run)).hasSize(2);
  }

  @Test
  void anEmptyOutOrOneNamingAFileOrAForeignFolderIsRefusedBeforeAnyWork() throws Exception {
    Exit empty = cli("train", "--out", "");
    assertThat(empty.code()).isEqualTo(1);
    assertThat(empty.err()).contains("--out must name a folder");
    Path file = tmp.resolve("a-file");
    Files.writeString(file, "x");
    Exit onFile = cli("train", "--out", file.toString());
    assertThat(onFile.code()).isEqualTo(1);
    assertThat(onFile.err()).contains(file + " is an existing file");
    Path foreign = tmp.resolve("photos");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("holiday.jpg"), "x");
    Exit onForeign = cli("train", "--out", foreign.toString(), "--overwrite");
    assertThat(onForeign.code()).isEqualTo(1);
    assertThat(onForeign.err()).contains("holds other files (holiday.jpg) and no run");
    assertThat(foreign.resolve("holiday.jpg")).exists(); // --overwrite never deletes what is not a run
  }

  @Test
  void anExplicitDataFolderNeverFallsBackAndTheSummaryNamesWhatWasRead() throws Exception {
    Path partial = tmp.resolve("my-mnist");
    Files.createDirectories(partial);
    Files.writeString(partial.resolve("train-images-idx3-ubyte"), "");
    Exit missing = cli("train", "--data", partial.toString(), "--out", tmp.resolve("r1").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains(partial.toString()).contains("no IDX file named *test-images*");
    Path empty = tmp.resolve("empty-data");
    Files.createDirectories(empty);
    assertThat(cli("train", "--data", empty.toString(), "--out", tmp.resolve("r2").toString()).err())
        .contains(empty.toString()).contains("holds neither IDX files").contains("nor .png/.jpg images");
    // a VAE given a CSV: not a data-folder message
    Path csv = tmp.resolve("points.csv");
    Files.writeString(csv, "1,2\n3,4\n");
    assertThat(cli("train", "--data", csv.toString(), "--out", tmp.resolve("r3").toString()).err())
        .contains("csv:points.csv").contains("has 2 examples; a test fraction of 0.2 leaves 0 for testing");
    // a folder that holds the four files: the summary names that folder, not "fashion-mnist"
    Path mine = tmp.resolve("user-idx");
    Files.createDirectories(mine);
    writeIdx(mine, "train", 300);
    writeIdx(mine, "t10k", 100);
    Path run = tmp.resolve("user-run");
    RunSpec spec = oneEpoch().withData(new DataSettings(mine.toString(), 0, 0, 0));
    Lab.train(spec, run, false, QUIET);
    String dataset = TrainRunTest.json(run.resolve("summary.json")).get("dataset").getAsString();
    assertThat(dataset).isEqualTo("idx:" + mine.toAbsolutePath().normalize() + "-bin");
  }

  /** Writes a small IDX image and label file pair of random pixels. */
  static void writeIdx(Path dir, String prefix, int n) throws Exception {
    java.util.Random r = new java.util.Random(prefix.hashCode());
    byte[] px = new byte[16 + n * 784];
    java.nio.ByteBuffer.wrap(px).putInt(0x00000803).putInt(n).putInt(28).putInt(28);
    for (int i = 16; i < px.length; i++) {
      px[i] = (byte) r.nextInt(256);
    }
    byte[] lb = new byte[8 + n];
    java.nio.ByteBuffer.wrap(lb).putInt(0x00000801).putInt(n);
    for (int i = 8; i < lb.length; i++) {
      lb[i] = (byte) r.nextInt(10);
    }
    Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), px);
    Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), lb);
  }

  @Test
  void aKillBetweenCheckpointAndMetricsLeavesNoPermanentGap() throws Exception {
    Path run = tmp.resolve("gap");
    RunSpec two = oneEpoch().withTraining(oneEpoch().training().with("epochs", 2));
    Lab.train(two, run, false, QUIET);
    List<EpochMetrics> before = MetricsFiles.read(run);
    // the state a kill right after checkpoint 2 (before metrics.csv was rewritten) leaves: epoch 2 is missing
    List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
    Files.write(run.resolve("metrics.csv"), lines.subList(0, lines.size() - 1));
    Files.delete(run.resolve("summary.json"));
    Lab.resume(run, 3, QUIET);
    List<EpochMetrics> after = MetricsFiles.read(run);
    assertThat(after).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
    assertThat(after.get(1)).isEqualTo(before.get(1)); // restored from the checkpoint, not retrained
    assertThat(com.google.gson.JsonParser.parseString(Files.readString(run.resolve("metrics.json"))).getAsJsonArray()).hasSize(3);
  }

  @Test
  void aRunKilledBeforeItsFirstCheckpointIsContinuedFromTheStart() throws Exception {
    Path run = tmp.resolve("early");
    try (RunFolder folder = RunFolder.create(run, "vae", false, w -> {})) {
      folder.writeSpec(oneEpoch()); // what a kill during the first epoch leaves: config.json, no checkpoint
    }
    Lab.resume(run, null, QUIET);
    assertThat(MetricsFiles.read(run)).extracting(EpochMetrics::epoch).containsExactly(1);
    assertThat(run.resolve("summary.json")).isRegularFile();
  }

  @Test
  void aCheckpointOfAnOlderVersionWithoutMetricsKeepsTheRunsEarlierRows() throws Exception {
    Path run = tmp.resolve("older");
    Lab.train(oneEpoch().withTraining(oneEpoch().training().with("epochs", 2)), run, false, QUIET);
    List<EpochMetrics> before = MetricsFiles.read(run);
    try (Stream<Path> s = Files.list(run.resolve("checkpoint"))) {
      for (Path c : s.filter(Files::isDirectory).toList()) {
        Files.deleteIfExists(c.resolve("metrics.csv")); // as checkpoints were written before this version
      }
    }
    Lab.resume(run, 3, QUIET);
    List<EpochMetrics> after = MetricsFiles.read(run);
    assertThat(after).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
    assertThat(after.subList(0, 2)).isEqualTo(before);
  }

  /** Issue 30, minor: when LATEST names an older folder than one on disk and it is unusable, the warning calls the one restored newer, not older. */
  @Test
  void theWarningSaysNewerWhenTheCheckpointRestoredIsNewerThanTheOneLatestNames() throws Exception {
    Path run = tmp.resolve("pointer");
    Lab.train(oneEpoch().withTraining(oneEpoch().training().with("epochs", 2)), run, false, QUIET);
    Files.writeString(run.resolve("checkpoint/LATEST"), "epoch-000001\n"); // as a kill between the rename and the pointer leaves it
    Files.delete(run.resolve("checkpoint/epoch-000001/model.index"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    var r = Lab.evaluate(run, new ModelFamily.EvaluationRequest(7, 0, 0), new PrintStream(log, true));
    assertThat(r.text("checkpoint").orElseThrow()).isEqualTo("checkpoint/epoch-000002");
    assertThat(log.toString()).contains("warning: restored the newer checkpoint").doesNotContain("older");
  }

  @Test
  void aCorruptNewestCheckpointFallsBackToThePreviousOneWithAWarningNamingIt() throws Exception {
    Path run = tmp.resolve("corrupt");
    Lab.train(oneEpoch().withTraining(oneEpoch().training().with("epochs", 2)), run, false, QUIET);
    Path newest = run.resolve("checkpoint/epoch-000002");
    Path data;
    try (Stream<Path> s = Files.list(newest)) {
      data = s.filter(p -> p.getFileName().toString().startsWith("model.data-")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(data);
    for (int i = 0; i < bytes.length; i += 7) {
      bytes[i] ^= 0x5a;
    }
    Files.write(data, bytes);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    var r = Lab.evaluate(run, new ModelFamily.EvaluationRequest(7, 0, 0), new PrintStream(log, true));
    assertThat(r.text("checkpoint").orElseThrow()).isEqualTo("checkpoint/epoch-000001");
    assertThat(log.toString()).contains("warning: restored the older checkpoint").contains(newest.toString());
    // --resume too: it continues from epoch 1 and trains epoch 2 again
    ByteArrayOutputStream log2 = new ByteArrayOutputStream();
    Lab.resume(run, null, new PrintStream(log2, true));
    assertThat(log2.toString()).contains("warning: restored the older checkpoint").contains("resuming " + run + " after epoch 1");
    assertThat(MetricsFiles.read(run)).hasSize(2);
    // none usable: the message names every checkpoint folder tried
    for (String c : List.of("epoch-000001", "epoch-000002")) {
      Files.delete(run.resolve("checkpoint").resolve(c).resolve("model.index"));
    }
    assertThatThrownBy(() -> Lab.evaluate(run, new ModelFamily.EvaluationRequest(7, 0, 0), QUIET))
        .hasMessageContaining("no usable checkpoint").hasMessageContaining("epoch-000001").hasMessageContaining("epoch-000002")
        .hasMessageContaining("model.index is missing");
  }

  @Test
  void valuesThatCouldOnlyFailAtTheEndAreRejectedAtTheStart() {
    Path out = tmp.resolve("never");
    Exit zero = cli("train", "--nll-examples", "0", "--out", out.toString());
    assertThat(zero.code()).isEqualTo(1);
    assertThat(zero.err()).contains("nll_examples must be >= 1 when nll_k is 1000, got 0");
    Exit negative = cli("train", "--nll-k", "-5", "--out", out.toString());
    assertThat(negative.err()).contains("nll_k must be >= 0");
    assertThat(out).doesNotExist(); // rejected before any work
    Exit badEval = cli("evaluate", "--run", tmp.toString(), "--nll", "-1");
    assertThat(badEval.code()).isEqualTo(1);
    assertThat(badEval.err()).contains("--nll must be >= 0");
  }

  @Test
  void aConfigThatNoLongerMatchesTheCheckpointOrHoldsAMalformedValueIsNamed() throws Exception {
    Path run = tmp.resolve("changed");
    Lab.train(oneEpoch(), run, false, QUIET);
    Path config = run.resolve("config.json");
    String original = Files.readString(config);
    Files.writeString(config, original.replace("\"latent\": 4", "\"latent\": 8"));
    Exit changed = cli("train", "--resume", run.toString(), "--epochs", "2");
    assertThat(changed.code()).isEqualTo(1);
    assertThat(changed.err()).contains("no longer matches checkpoint epoch-000001").contains("latent is 8 in config.json but 4 in the checkpoint");
    Files.writeString(config, original.replace("\"learning_rate\": 0.001", "\"learning_rate\": \"abc\""));
    Exit malformed = cli("train", "--resume", run.toString());
    assertThat(malformed.code()).isEqualTo(1);
    assertThat(malformed.err()).contains(config.toString()).contains("setting 'learning_rate' must be a number, got \"abc\"");
    Files.writeString(config, original.replace("\"latent\": 4,", "\"latent\": 4, \"codebook_size\": 3,"));
    assertThat(cli("evaluate", "--run", run.toString()).err()).contains("'codebook_size' is not a setting of model gaussian-vae");
  }

  @Test
  void resultFilesHonourTheUmask() throws Exception {
    Path run = tmp.resolve("shared");
    Lab.train(oneEpoch(), run, false, QUIET);
    // what the process's umask gives a plain new file and folder here
    Path probeFile = Files.createFile(tmp.resolve("probe"));
    Path probeDir = Files.createDirectory(tmp.resolve("probe-dir"));
    var filePerms = Files.getPosixFilePermissions(probeFile);
    var dirPerms = Files.getPosixFilePermissions(probeDir);
    for (String f : List.of("config.json", "summary.json", "metrics.csv", "samples.png", "checkpoint/LATEST")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.resolve(f)))).as(f)
          .isEqualTo(PosixFilePermissions.toString(filePerms));
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.resolve("checkpoint/epoch-000001"))))
        .isEqualTo(PosixFilePermissions.toString(dirPerms));
  }

  @Test
  void compareRejectsDuplicateSeeds() {
    assertThatThrownBy(() -> Experiment.parse("{\"seeds\": [0, 0], \"variants\": [{\"name\": \"a\", \"settings\": {\"model\": \"gmm\"}}]}", "f.json"))
        .hasMessageContaining("seed 0 is given twice");
    assertThat(cli("compare", "--seeds", "0,0", "--out", tmp.resolve("c").toString()).err()).contains("seed 0 is given twice");
  }

  @Test
  void checkpointExtrasAreStoredInsideTheCheckpoint() throws Exception {
    Path run = tmp.resolve("extras");
    Lab.train(oneEpoch(), run, false, QUIET);
    Path ckpt = Checkpoints.latest(run.resolve("checkpoint")).orElseThrow();
    RunSpec recorded = oneEpoch().withRead(new dev.vaelab.lab.data.DataRecord("28x28x1", "pixels/255, binarised > 0.5"));
    assertThat(Checkpoints.readExtra(ckpt, "config.json")).contains(recorded.toJson() + "\n");
    assertThat(MetricsFiles.parse(Checkpoints.readExtra(ckpt, "metrics.csv").orElseThrow(), "ckpt")).isEqualTo(MetricsFiles.read(run));
  }
}
