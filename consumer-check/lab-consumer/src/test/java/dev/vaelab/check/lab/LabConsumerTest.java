package dev.vaelab.check.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vaelab.lab.Lab;
import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.run.ModelFamilies;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.run.Summary;
import dev.vaelab.lab.run.TrainingSettings;
import dev.vaelab.lab.settings.Records;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program that depends on vaelab-lab alone trains a VampPrior VAE on a CSV file into a run folder
 * ({@link #train}: the library user's code), which the {@code vaelab} command then evaluates; what
 * it pulls holds no command-line, chart or embedded-data jar.
 */
class LabConsumerTest {
  @TempDir Path tmp;

  /** The library user's program: a VampPrior VAE with a Gaussian decoder on the rows of {@code csv}. */
  static Summary train(Path csv, Path run) {
    ModelFamily<?> vae = ModelFamilies.named("gaussian-vae");
    Record options = Records.with(vae.defaults(), Map.of("hidden", new long[] {32}, "latent", 2, "decoder", "gaussian",
        "prior", "vamp", "priorComponents", 20));
    DataSettings data = DataSettings.defaults().withData(csv.toString()).with("seed", 3);
    TrainingSettings training = Records.with(TrainingSettings.defaults(), Map.of("epochs", 3, "batchSize", 64, "nllK", 20, "nllExamples", 50));
    return Lab.train(new RunSpec(vae, data, training, options), run, false, System.out);
  }

  @Test
  void aVampPriorVaeTrainedThroughTheLabIsEvaluatedByTheCommand() throws Exception {
    Path csv = tmp.resolve("points.csv");
    Random r = new Random(7);
    StringBuilder sb = new StringBuilder("a,b,c,d,e,f\n");
    for (int i = 0; i < 600; i++) { // two clusters of 6-dimensional points in [0, 1]
      double c = i % 2 == 0 ? 0.25 : 0.75;
      for (int j = 0; j < 6; j++) {
        sb.append(String.format(Locale.ROOT, "%.4f", Math.min(1, Math.max(0, c + 0.05 * r.nextGaussian())))).append(j < 5 ? "," : "\n");
      }
    }
    Files.writeString(csv, sb.toString());
    Path run = tmp.resolve("run");
    Summary summary = train(csv, run);
    assertTrue(Files.isRegularFile(run.resolve("config.json")) && Files.isDirectory(run.resolve("checkpoint")));
    assertTrue(Files.readString(run.resolve("config.json")).contains("\"prior\": \"vamp\""));
    double elbo = summary.testElbo().getAsDouble();
    assertTrue(Double.isFinite(elbo), "test ELBO " + elbo);

    // the vaelab command (its jar, built earlier in the reactor) reads the run folder and recomputes its test numbers
    Path root = Path.of(System.getProperty("vaelab.root", "../.."));
    Path jar = root.resolve("examples/target/vaelab.jar");
    assertTrue(Files.isRegularFile(jar), jar + " is missing: build the reactor with 'mvn package' first");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseParallelGC", "-jar",
        jar.toString(), "evaluate", "--run", run.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    Matcher m = Pattern.compile("\"test_elbo\": (-?[0-9.Ee+-]+)").matcher(out);
    assertTrue(m.find(), out);
    assertEquals(elbo, Double.parseDouble(m.group(1)), 1e-9, "vaelab evaluate's test ELBO against the run's");
  }

  @Test
  void whatItPullsHoldsNoCommandLineChartsOrEmbeddedData() {
    List<String> jars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.endsWith(".jar")) {
        jars.add(name);
        assertFalse(name.startsWith("picocli"), "the command-line library is pulled: " + name);
        assertFalse(name.startsWith("xchart"), "the chart library is pulled: " + name);
        assertFalse(name.startsWith("vaelab-datasets"), "the embedded data are pulled: " + name);
        assertFalse(name.startsWith("vaelab-cli") || name.startsWith("vaelab-examples"), "the command line is pulled: " + name);
        assertFalse(name.matches("tensorflow-core-native-.*-(linux-arm64|macosx-.*|windows-.*)\\.jar"), "another platform's natives: " + name);
      }
    }
    assertTrue(jars.stream().anyMatch(j -> j.startsWith("vaelab-lab-")), "vaelab-lab is not on the class path: " + jars);
  }
}
