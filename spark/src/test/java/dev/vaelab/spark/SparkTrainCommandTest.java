package dev.vaelab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import dev.vaelab.core.io.Json;
import dev.vaelab.core.train.MetricsFiles;
import dev.vaelab.lab.Lab;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.examples.Vaelab;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vaelab spark train writes a run folder the rest of vaelab reads, evaluates and continues. */
class SparkTrainCommandTest {
  @TempDir Path tmp;

  @Test
  void aDataParallelRunIsAnOrdinaryRunFolderThatVaelabTrainContinues() {
    LocalSpark.session();
    Path run = tmp.resolve("dp");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
    int code = SparkGaussianMixtureTest.cli(true, "train", "--master", "local[2]", "--workers", "2", "--epochs", "2", "--train-limit", "1000",
        "--test-limit", "200", "--hidden", "64", "--latent", "4", "--nll-k", "20", "--nll-examples", "50", "--out", run.toString());
    assertThat(code).isZero();
    JsonObject s = Json.readTree(run.resolve("summary.json")).getAsJsonObject();
    assertThat(s.get("workers").getAsInt()).isEqualTo(2);
    assertThat(s.get("sync").getAsString()).isEqualTo("gradients");
    assertThat(s.get("engine").getAsString()).contains("local[2]");
    assertThat(s.get("epochs").getAsInt()).isEqualTo(2);
    assertThat(s.get("steps").getAsInt()).isEqualTo(2 * 8); // 1000 rows, batch 128 shared as 64 + 64: ⌈500 / 64⌉ = 8 steps per epoch
    assertThat(s.get("train_examples_per_second").getAsDouble()).isPositive();
    assertThat(s.has("test_nll")).isTrue();
    assertThat(run.resolve("samples.png")).exists();
    var metrics = MetricsFiles.read(run);
    assertThat(metrics).hasSize(2);
    assertThat(metrics.get(1).testElbo()).isGreaterThan(metrics.get(0).testElbo());
    // vaelab evaluate in one process finds the summary's test ELBO in the checkpoint
    long seed = Json.readTree(run.resolve("config.json")).getAsJsonObject().get("seed").getAsLong();
    Map<String, Object> e = Lab.evaluate(run, new ModelFamily.EvaluationRequest(seed, 0, 0), quiet).toMap();
    assertThat((Double) e.get("test_elbo")).isCloseTo(s.get("test_elbo").getAsDouble(), within(1e-9));
    assertThat(metrics.get(1).testElbo()).isCloseTo(s.get("test_elbo").getAsDouble(), within(1e-5)); // metrics.csv keeps 6 decimals
    // and vaelab train continues it from the data-parallel checkpoint (Adam's state included)
    assertThat(Vaelab.execute(quiet, "train", "--resume", run.toString(), "--epochs", "3")).isZero();
    var more = MetricsFiles.read(run);
    assertThat(more).hasSize(3);
    assertThat(more.get(0).testElbo()).isEqualTo(metrics.get(0).testElbo());
    assertThat(more.get(2).steps()).isEqualTo(16 + 8); // one process: ⌈1000 / 128⌉ = 8 steps
  }
}
