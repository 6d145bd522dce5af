package dev.vaelab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaelab.core.train.MetricsFiles;
import dev.vaelab.examples.Vaelab;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 30, groups 10 and 11: Spark's {@code --input} readers check the schema and name the file and
 * row; JSON input reads (one Jackson); {@code spark score} warns on a corrupt newest checkpoint; too
 * many workers are refused at once; {@code spark train} checkpoints every epoch, so a killed job resumes.
 */
class SparkReliabilityTest {
  @TempDir Path tmp;

  record Exit(int code, String out, String err) {}

  static Exit spark(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream before = System.out;
    System.setOut(new PrintStream(out, true));
    try {
      int code = SparkLab.execute(new PrintStream(err, true), args);
      return new Exit(code, out.toString(), err.toString());
    } finally {
      System.setOut(before);
    }
  }

  @Test
  void inputTablesAreCheckedNamingTheFileColumnAndRow() throws Exception {
    LocalSpark.session();
    StringBuilder good = new StringBuilder("x,y\n");
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < 40; i++) {
      good.append(r.nextGaussian() + (i % 2) * 4).append(',').append(r.nextGaussian()).append('\n');
    }
    Path abc = tmp.resolve("abc.csv");
    Files.writeString(abc, good.toString().replaceFirst("\n([^,\n]*),", "\nabc,")); // the first data row's x
    Exit text = spark("gmm", "--master", "local[2]", "--input", abc.toString(), "--components", "2", "--out", tmp.resolve("g1").toString());
    assertThat(text.code()).isEqualTo(1);
    assertThat(text.err()).contains(abc.toString()).contains("column 'x' is not numeric").contains("'abc' in data row 1, line 2");
    assertThat(tmp.resolve("g1/mixture.json")).doesNotExist();

    Path empty = tmp.resolve("empty.csv");
    String[] lines = good.toString().split("\n");
    lines[5] = "," + lines[5].split(",")[1]; // data row 5 (line 6): no x
    Files.writeString(empty, String.join("\n", lines) + "\n");
    Exit blank = spark("gmm", "--master", "local[2]", "--input", empty.toString(), "--components", "2", "--out", tmp.resolve("g2").toString());
    assertThat(blank.code()).isEqualTo(1);
    assertThat(blank.err()).contains(empty.toString()).contains("an empty cell in 1 row(s), the first in data row 5 (line 6)")
        .doesNotContain("NullPointerException");

    // JSON lines (this failed on every input with NoClassDefFoundError: two Jackson versions on the class path)
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      json.append("{\"y\": [").append(r.nextGaussian() + (i % 2) * 4).append(", ").append(r.nextGaussian()).append("]}\n");
    }
    Path ok = tmp.resolve("ok.json");
    Files.writeString(ok, json.toString());
    assertThat(spark("gmm", "--master", "local[2]", "--input", ok.toString(), "--components", "2", "--out", tmp.resolve("g3").toString()).code())
        .isZero();
    assertThat(tmp.resolve("g3/mixture.json")).isRegularFile();
    Path ragged = tmp.resolve("ragged.json");
    Files.writeString(ragged, json + "{\"y\": [1.0, 2.0, 3.0]}\n");
    Exit width = spark("gmm", "--master", "local[2]", "--input", ragged.toString(), "--components", "2", "--out", tmp.resolve("g4").toString());
    assertThat(width.code()).isEqualTo(1);
    assertThat(width.err()).contains("rows have 2 to 3 values").contains("data row 41 has 3");
    Path nulls = tmp.resolve("nulls.json");
    Files.writeString(nulls, json + "{\"y\": [1.0, null]}\n");
    assertThat(spark("gmm", "--master", "local[2]", "--input", nulls.toString(), "--components", "2", "--out", tmp.resolve("g5").toString()).err())
        .contains("a missing value (null) in 1 row(s), the first in data row 41");
  }

  @Test
  void tooManyWorkersAreRefusedAtOnce() {
    LocalSpark.session();
    long t0 = System.nanoTime();
    Exit e = spark("train", "--master", "local[2]", "--workers", "3", "--epochs", "1", "--train-limit", "200", "--test-limit", "50",
        "--nll-k", "0", "--out", tmp.resolve("w").toString());
    assertThat(e.code()).isEqualTo(1);
    assertThat(e.err()).contains("--workers 3: the master local[2] has 2 task slot(s)");
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(60); // not 40 retries 15 s apart
  }

  @Test
  @Timeout(300)
  void everyEpochIsCheckpointedSoAKilledJobResumesFromItsLastEpoch() throws Exception {
    LocalSpark.session();
    Path run = tmp.resolve("killed");
    AtomicReference<Exit> result = new AtomicReference<>();
    Thread job = new Thread(() -> result.set(spark("train", "--master", "local[2]", "--workers", "2", "--epochs", "40", "--train-limit", "1000",
        "--test-limit", "100", "--hidden", "32", "--latent", "2", "--nll-k", "0", "--out", run.toString())));
    job.start();
    Path first = run.resolve("checkpoint/epoch-000001");
    long deadline = System.nanoTime() + 240_000_000_000L;
    while (!Files.isDirectory(first) && job.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    LocalSpark.context().cancelAllJobs(); // the kill: the job ends mid-way
    job.join();
    assertThat(result.get().code()).isEqualTo(1); // cancelled, not finished
    assertThat(run.resolve("summary.json")).doesNotExist();
    var before = MetricsFiles.read(run);
    assertThat(before).isNotEmpty().hasSizeLessThan(40);
    int done = before.size();
    // vaelab train continues from the last epoch checkpointed, not from epoch 0
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
    assertThat(Vaelab.execute(quiet, "train", "--resume", run.toString(), "--epochs", String.valueOf(done + 1))).isZero();
    var after = MetricsFiles.read(run);
    assertThat(after).hasSize(done + 1);
    assertThat(after.get(0).testElbo()).isEqualTo(before.get(0).testElbo());
  }

  @Test
  void sparkScoreWarnsOnACorruptNewestCheckpointAsEvaluateDoes() throws Exception {
    LocalSpark.session();
    Path run = tmp.resolve("corrupt");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
    assertThat(Vaelab.execute(quiet, "train", "--epochs", "2", "--train-limit", "300", "--test-limit", "40", "--hidden", "16", "--latent", "2",
        "--nll-k", "0", "--out", run.toString())).isZero();
    Path newest = run.resolve("checkpoint/epoch-000002");
    Path data;
    try (var s = Files.list(newest)) {
      data = s.filter(p -> p.getFileName().toString().startsWith("model.data-")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(data);
    for (int i = 0; i < bytes.length; i += 7) {
      bytes[i] ^= 0x5a;
    }
    Files.write(data, bytes);
    Exit e = spark("score", "--master", "local[2]", "--run", run.toString(), "--split", "test", "--out", tmp.resolve("s.csv").toString());
    assertThat(e.code()).isZero();
    assertThat(e.out()).contains("warning: restored the older checkpoint").contains(newest.toString());
    // its --out is claimed as every output is: an existing file is replaced only with --overwrite, a run's own file never
    Exit again = spark("score", "--master", "local[2]", "--run", run.toString(), "--split", "test", "--out", tmp.resolve("s.csv").toString());
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("exists").contains("--overwrite");
    Exit own = spark("score", "--master", "local[2]", "--run", run.toString(), "--out", run.resolve("metrics.csv").toString(), "--overwrite");
    assertThat(own.err()).contains("is the run's own metrics.csv");
  }
}
