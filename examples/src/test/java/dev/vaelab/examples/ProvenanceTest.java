package dev.vaelab.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.vaelab.core.data.NpyWriter;
import dev.vaelab.core.io.Json;
import dev.vaelab.lab.data.DataFingerprint;
import dev.vaelab.lab.data.DataRecord;
import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.data.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 30, group 6 — data that cannot change unseen: a run records its data's absolute path, a
 * fingerprint and the fitted min-max range; continuing, evaluating, encoding and compare's reuse check
 * them; a streamed file is range-checked in full.
 */
class ProvenanceTest {
  @TempDir Path tmp;

  /** {@code n} rows of 4 values in [0, 1] (seeded). */
  static String rows(int n, long seed) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder("a,b,c,d\n");
    for (int i = 0; i < n; i++) {
      b.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f%n", r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble()));
    }
    return b.toString();
  }

  static JsonObject config(Path run) {
    return Json.readTree(run.resolve("config.json")).getAsJsonObject();
  }

  @Test
  void aRunRecordsItsDataAndRefusesToContinueOrEvaluateOnChangedData() throws Exception {
    Path csv = tmp.resolve("pts.csv");
    Files.writeString(csv, rows(200, 1));
    Path run = tmp.resolve("r");
    assertThat(RunFolderTest.cli("train", "--data", csv.toString(), "--epochs", "1", "--nll-k", "0", "--latent", "2", "--out", run.toString()).code())
        .isZero();
    JsonObject c = config(run);
    assertThat(c.get("data_path").getAsString()).isEqualTo(csv.toAbsolutePath().normalize().toString());
    DataFingerprint fp = DataFingerprint.parse(c.get("data_fingerprint").getAsString());
    assertThat(fp.bytes()).isEqualTo(Files.size(csv));
    // the hash is SHA-256 of the content, recomputed here independently
    var md = java.security.MessageDigest.getInstance("SHA-256");
    assertThat(fp.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(md.digest(Files.readAllBytes(csv))));

    // the file shrinks from 200 to 50 rows: continuing, evaluating and encoding are refused, saying what changed
    Files.writeString(csv, rows(50, 2));
    RunFolderTest.Exit resume = RunFolderTest.cli("train", "--resume", run.toString(), "--epochs", "2");
    assertThat(resume.code()).isEqualTo(1);
    assertThat(resume.err()).contains("changed since the run read it").contains("size").contains("bytes");
    assertThat(RunFolderTest.cli("evaluate", "--run", run.toString(), "--nll", "0").err()).contains("changed since the run read it");
    assertThat(RunFolderTest.cli("encode", "--run", run.toString(), "--out", tmp.resolve("z.csv").toString()).err())
        .contains("changed since the run read it");
    assertThat(config(run).get("epochs").getAsInt()).isEqualTo(1); // nothing was rewritten

    // other data on purpose (--data) are encoded; the original restored, everything works again
    assertThat(RunFolderTest.cli("encode", "--run", run.toString(), "--data", csv.toString(), "--out", tmp.resolve("z.csv").toString()).code())
        .isZero();
    Files.writeString(csv, rows(200, 1));
    assertThat(RunFolderTest.cli("train", "--resume", run.toString(), "--epochs", "2").code()).isZero();
  }

  @Test
  void theMinMaxRangeIsStoredAndReusedNeverRefittedOnOtherData() throws Exception {
    Path x = tmp.resolve("x.csv");
    Path y = tmp.resolve("y.csv");
    StringBuilder bx = new StringBuilder("u,v\n");
    StringBuilder by = new StringBuilder("u,v\n");
    Random r = new Random(3);
    double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE};
    double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int i = 0; i < 100; i++) {
      double u = r.nextGaussian() * 3;
      double v = r.nextGaussian() + 5;
      bx.append(String.format(Locale.ROOT, "%.3f,%.3f%n", u, v));
      by.append(String.format(Locale.ROOT, "%.3f,%.3f%n", 10 * u + 100, 10 * v + 100));
    }
    Files.writeString(x, bx.toString());
    Files.writeString(y, by.toString());
    Path run = tmp.resolve("mm");
    assertThat(RunFolderTest.cli("train", "--data", x.toString(), "--scaling", "minmax", "--test-fraction", "0.2", "--epochs", "1",
        "--nll-k", "0", "--latent", "2", "--out", run.toString()).code()).isZero();
    // the recorded range is the training split's minimum and maximum, recomputed here from the same seeded split
    var splits = DataSource.load(new DataSettings(x.toString(), 0, 0, 0), false, "test");
    float[][] expected = new float[2][2];
    java.util.Arrays.fill(expected[0], Float.POSITIVE_INFINITY);
    java.util.Arrays.fill(expected[1], Float.NEGATIVE_INFINITY);
    for (int i = 0; i < splits.train().size(); i++) {
      for (int j = 0; j < 2; j++) {
        expected[0][j] = Math.min(expected[0][j], splits.train().get(i, j));
        expected[1][j] = Math.max(expected[1][j], splits.train().get(i, j));
      }
    }
    DataRecord rec = dev.vaelab.lab.run.RunSpec.read(run.resolve("config.json")).read();
    assertThat(rec.range()[0]).containsExactly(expected[0]);
    assertThat(rec.range()[1]).containsExactly(expected[1]);
    // encoding x and 10x + 100 gives different codes: the second is scaled by x's range (and clipped), not refitted to look like x
    Path zx = tmp.resolve("zx.csv");
    Path zy = tmp.resolve("zy.csv");
    assertThat(RunFolderTest.cli("encode", "--run", run.toString(), "--out", zx.toString()).code()).isZero();
    assertThat(RunFolderTest.cli("encode", "--run", run.toString(), "--data", y.toString(), "--out", zy.toString()).code()).isZero();
    assertThat(Files.readString(zy)).isNotEqualTo(Files.readString(zx));
  }

  @Test
  void aRelativeDataPathIsFoundFromAnotherFolder() {
    DataRecord rec = new DataRecord("4", "none", "", "/somewhere/else/pts.csv", "", "");
    DataSettings typed = new DataSettings("pts.csv", 0, 0, 0);
    assertThat(DataSource.resolved(typed, rec).data()).isEqualTo("/somewhere/else/pts.csv");
    // a relative path that names another file is not replaced
    assertThat(DataSource.resolved(new DataSettings("other.csv", 0, 0, 0), rec).data()).isEqualTo("other.csv");
  }

  @Test
  void compareTrainsAgainARunWhoseDataChanged() throws Exception {
    Path csv = tmp.resolve("c.csv");
    Files.writeString(csv, rows(120, 4));
    String experiment = """
        {"data": "%s", "epochs": 1, "seeds": [0], "nll_k": 0, "nll_examples": 0,
         "variants": [{"name": "vae", "settings": {"model": "gaussian-vae", "hidden": [8], "latent": 2}}]}
        """.formatted(csv.toString().replace("\\", "\\\\"));
    Experiment e = Experiment.parse(experiment, "test");
    Path out = tmp.resolve("cmp");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
    assertThat(CompareRun.run(e, out, quiet).trained()).isEqualTo(1);
    assertThat(CompareRun.run(e, out, quiet).reused()).isEqualTo(1);
    Files.writeString(csv, rows(60, 5));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    CompareRun.Result again = CompareRun.run(e, out, new PrintStream(log, true));
    assertThat(again.trained()).isEqualTo(1);
    assertThat(again.reused()).isZero();
    assertThat(log.toString()).contains("changed since the run read it").contains("size").contains("training it again");
  }

  @Test
  void aStreamedFileIsRangeCheckedInFullBeforeTraining() throws Exception {
    int n = 14_000; // 12,600 training rows (10,000 of them held in memory), 1,400 test rows
    int d = 4;
    float[] v = new float[n * d];
    Random r = new Random(5);
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat();
    }
    v[10_300 * d + 2] = 7.0f; // beyond the 10,000 rows held in memory
    Path npy = tmp.resolve("big.npy");
    NpyWriter.writeFloats(npy, v, n, d);
    RunFolderTest.Exit e = RunFolderTest.cli("train", "--data", npy.toString(), "--stream", "--test-fraction", "0.1", "--epochs", "1", "--nll-k", "0",
        "--out", tmp.resolve("s").toString());
    assertThat(e.code()).isEqualTo(1);
    assertThat(e.err()).contains("needs values in [0, 1]").contains("7.0 at row 10300, feature 2");
    assertThat(tmp.resolve("s/checkpoint")).doesNotExist();
  }
}
