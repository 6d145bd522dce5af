package dev.vaelab.examples;

import dev.vaelab.examples.chart.Chart;

import dev.vaelab.lab.run.RunSpec;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison report of a β sweep, the charts' markers and tick labels, the latent scatter of a labelled run. */
class ReportTest {
  @TempDir Path tmp;

  @Test
  void aBetaSweepIsACurveAndTheHtmlReportIsCleanHtml() throws Exception {
    Path out = tmp.resolve("cmp");
    RunFolderTest.Exit x = RunFolderTest.cli("compare", "--betas", "2,0.5", "--variants", "gmm", "--epochs", "1", "--train-limit", "300",
        "--test-limit", "100", "--nll-k", "0", "--out", out.toString());
    assertThat(x.code()).as(x.err()).isZero();
    assertThat(out.resolve("runs/beta-0p5-s0/config.json")).exists();
    assertThat(out.resolve("runs/beta-2-s0/latents.png")).exists(); // labelled data: the latent scatter
    assertThat(out.resolve("rate-distortion.png")).exists();
    assertThat(out.resolve("rate-distortion-beta.png")).exists(); // the sweep on axes of its own
    assertThat(out.resolve("representation-beta.png")).exists(); // the probe, 5-NN and k-means scores along the sweep
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).doesNotContain("`").doesNotContain("**").doesNotContain("{{");
    assertThat(count(html, "<img ")).isEqualTo(count(html, "<figcaption>")).isPositive(); // one caption per figure
    assertThat(html).contains("gmm</b>: fitted to PCA features"); // the note for the variant that is not comparable
    assertThat(html).contains("β sweep as a curve");
    // integers as integers: the parameter count of every run, in the table and in results.csv
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    int col = List.of(csv.get(0).split(",")).indexOf("parameters");
    for (String row : csv.subList(1, csv.size())) {
      assertThat(row.split(",", -1)[col]).matches("\\d+");
    }
    assertThat(html).doesNotContain(".000000");
    // the sweep is found among the runs, in order of β (the runs are reused: nothing is trained again)
    var runs = CompareRun.run(Experiment.betaSweep(List.of(), List.of(2.0, 0.5),
        new Experiment.Shared("embedded", 1, 0, 0, 300, 100), List.of(0L)), out, TrainRunTest.QUIET).runs();
    List<CompareRun.Run> sweep = CompareReport.betaSweep(runs, 0);
    assertThat(sweep).extracting(CompareRun.Run::variant).containsExactly("beta-0p5", "beta-2"); // in order of β
  }

  @Test
  void theSweepTakesOneRunPerBetaAndLeavesOtherSettingsOut() {
    java.util.function.BiFunction<String, Double, CompareRun.Run> run = (name, beta) -> {
      RunSpec s = RunSpec.parse(com.google.gson.JsonParser.parseString("{\"model\": \"gaussian-vae\", \"beta\": " + beta + "}").getAsJsonObject(), "t", null);
      return new CompareRun.Run(name, 0, null, s, dev.vaelab.lab.run.Summary.of(java.util.Map.of("test_rate", 10 / beta, "test_distortion", 100 + beta)));
    };
    CompareRun.Run vae = run.apply("vae", 1.0);
    CompareRun.Run b1 = run.apply("beta-1", 1.0);
    CompareRun.Run b4 = run.apply("beta-4", 4.0);
    CompareRun.Run b05 = run.apply("beta-0p5", 0.5);
    RunSpec other = RunSpec.parse(com.google.gson.JsonParser.parseString("{\"model\": \"gaussian-vae\", \"latent\": 5}").getAsJsonObject(), "t", null);
    CompareRun.Run small = new CompareRun.Run("small", 0, null, other, dev.vaelab.lab.run.Summary.of(java.util.Map.of("test_rate", 1.0, "test_distortion", 1.0)));
    assertThat(CompareReport.betaSweep(List.of(vae, b4, small, b1, b05), 0)).containsExactly(b05, b1, b4);
    assertThat(CompareReport.betaSweep(List.of(vae, small), 0)).isEmpty();
  }

  static int count(String s, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void aOnePointLineShowsItsMarkerAndTickLabelsAreDistinct() throws Exception {
    BufferedImage img = new Chart("one epoch", "epoch", "ELBO").line("run", new double[] {1}, new double[] {-250.5}, Chart.PALETTE[1]).render(400, 300);
    int marked = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        marked += (img.getRGB(x, y) & 0xFFFFFF) == (Chart.PALETTE[1].getRGB() & 0xFFFFFF) ? 1 : 0;
      }
    }
    assertThat(marked).as("pixels of the marker's colour").isGreaterThan(10);
    // ticks about a tenth of the range apart print distinct labels with a leading zero
    var root = java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT);
    java.text.DecimalFormat df = new java.text.DecimalFormat(Chart.pattern(-1.937, -1.925), root);
    java.util.Set<String> labels = new java.util.HashSet<>();
    for (int i = 0; i <= 10; i++) {
      labels.add(df.format(-1.937 + i * 0.0012));
    }
    assertThat(labels).hasSize(11);
    assertThat(new java.text.DecimalFormat(Chart.pattern(0, 0.28), root).format(0.08)).isEqualTo("0.08");
  }
}
