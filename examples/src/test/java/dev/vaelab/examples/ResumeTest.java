package dev.vaelab.examples;

import dev.vaelab.lab.Lab;
import dev.vaelab.lab.graph.GraphFamily;
import dev.vaelab.lab.run.RunSpec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vaelab.core.graph.Checkpoints;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.train.MetricsFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `vaelab train --resume`, and kill -9 at random moments (including mid-save). */
class ResumeTest {
  @TempDir Path tmp;

  static RunSpec tiny(int epochs) {
    RunSpec c = TrainRunTest.tiny();
    // bit-for-bit comparison needs single-threaded kernels
    return c.withTraining(c.training().with("epochs", epochs).with("nllK", 0).with("nllExamples", 0).with("deterministic", true));
  }

  static JsonObject summary(Path run) throws Exception {
    return JsonParser.parseString(Files.readString(run.resolve("summary.json"))).getAsJsonObject();
  }

  @Test
  void aFinishedRunExtendedWithResumeEpochsEndsWithTheNumbersOfAnUninterruptedOne() throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
    Path a = tmp.resolve("a");
    Lab.train(tiny(3), a, false, quiet);
    Path b = tmp.resolve("b");
    Lab.train(tiny(1), b, false, quiet);
    // vaelab train --resume b --epochs 3: a finished one-epoch run extended to three
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(Vaelab.execute(new PrintStream(err, true), "train", "--resume", b.toString(), "--epochs", "3")).as(err.toString()).isZero();
    assertThat(RunSpec.read(b.resolve("config.json")).training().epochs()).isEqualTo(3);
    JsonObject sa = summary(a);
    JsonObject sb = summary(b);
    for (String k : List.of("test_elbo", "test_rate", "test_distortion", "steps", "epochs", "train_elbo")) {
      assertThat(sb.get(k).getAsDouble()).as(k).isEqualTo(sa.get(k).getAsDouble());
    }
    assertThat(MetricsFiles.read(b)).hasSize(3);
    assertThat(MetricsFiles.read(b).get(2).trainLoss()).isEqualTo(MetricsFiles.read(a).get(2).trainLoss());
  }

  @Test
  void killNineAtAnyMomentLeavesARestorableCheckpointAndReadableResults() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Random random = new Random(5);
    int restored = 0;
    for (int attempt = 0; attempt < 4; attempt++) {
      Path run = tmp.resolve("killed-" + attempt);
      ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Vaelab.class.getName(),
          "train", "--epochs", "40", "--train-limit", "1500", "--hidden", "64", "--latent", "4", "--nll-k", "0", "--out", run.toString());
      pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
      pb.redirectErrorStream(true).redirectOutput(tmp.resolve("log-" + attempt).toFile());
      Process p = pb.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
      while (!Files.exists(run.resolve("checkpoint").resolve(Checkpoints.LATEST)) && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(run.resolve("checkpoint").resolve(Checkpoints.LATEST))
          .as("the child run wrote a first checkpoint (log: %s)", tmp.resolve("log-" + attempt)).exists();
      Thread.sleep(50 + random.nextInt(400)); // land anywhere, often inside a checkpoint save
      p.destroyForcibly(); // SIGKILL
      p.waitFor(30, TimeUnit.SECONDS);
      // whatever the moment, the newest checkpoint restores and the results files parse
      RunSpec c = RunSpec.read(run.resolve("config.json"));
      long epoch;
      try (ModelGraph g = ((GraphFamily<?>) c.family()).newGraph(c, c.data().seed())) {
        Path ckpt = g.restore(run.resolve("checkpoint"));
        epoch = Checkpoints.epochOf(ckpt);
        assertThat(epoch).isPositive();
        restored++;
      }
      // metrics.csv is rewritten after each checkpoint: it holds every epoch up to the newest
      // checkpoint, or all but that last one if the kill fell between the two writes (the
      // checkpoint carries the metrics too, and a continued run restores the missing row)
      List<dev.vaelab.core.train.EpochMetrics> rows = MetricsFiles.read(run);
      assertThat((long) rows.size()).isBetween(epoch - 1, epoch);
      for (int i = 0; i < rows.size(); i++) {
        assertThat(rows.get(i).epoch()).isEqualTo(i + 1);
      }
      try (var files = Files.list(run)) {
        for (Path f : files.filter(x -> x.getFileName().toString().endsWith(".tmp")).toList()) {
          assertThat(f.getFileName().toString()).startsWith("."); // only hidden temporaries are ever partial
        }
      }
      if (attempt == 0) {
        // and the run can be finished
        Lab.resume(run, null, new PrintStream(new ByteArrayOutputStream(), true));
        assertThat(summary(run).get("epochs").getAsInt()).isEqualTo(40);
        List<dev.vaelab.core.train.EpochMetrics> all = MetricsFiles.read(run);
        assertThat(all).hasSize(40);
        for (int i = 0; i < all.size(); i++) {
          assertThat(all.get(i).epoch()).isEqualTo(i + 1);
        }
      }
    }
    assertThat(restored).isEqualTo(4);
  }
}
