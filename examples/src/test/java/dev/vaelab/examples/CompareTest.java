package dev.vaelab.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.eval.EvaluationResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTest {
  @TempDir Path tmp;

  static final String EXPERIMENT = """
      {"data": "embedded", "epochs": 1, "seeds": [0, 1], "nllK": 50, "nllExamples": 20, "trainLimit": 300, "testLimit": 100,
       "variants": [
         {"name": "vae", "settings": {"model": "gaussian-vae", "hidden": [64], "latent": 4}},
         {"name": "vq", "settings": {"model": "vq-vae", "codebookSize": 16, "codeDimension": 4}}
       ]}
      """;

  @Test
  void reportNumbersComeFromTheRunsAndAKilledComparisonResumes() throws Exception {
    Experiment e = Experiment.parse(EXPERIMENT, "test");
    Path out = tmp.resolve("cmp");
    CompareRun.Result first = CompareRun.run(e, out, new PrintStream(new ByteArrayOutputStream(), true));
    assertThat(first.trained()).isEqualTo(4);
    for (String f : List.of("report.md", "report.html", "results.csv", "experiment.json", "curves-test_elbo.png", "rate-distortion.png")) {
      assertThat(out.resolve(f)).as(f).isRegularFile();
    }
    List<String> rows = Files.readAllLines(out.resolve("results.csv"));
    assertThat(rows).hasSize(1 + 4);
    String[] head = rows.get(0).split(",");
    int elboCol = List.of(head).indexOf("test_elbo");
    int rateCol = List.of(head).indexOf("test_rate");
    // the table's mean ± sd of the VAE's test ELBO is computed from the two runs' rows
    double a = Double.parseDouble(rows.get(1).split(",")[elboCol]);
    double b = Double.parseDouble(rows.get(2).split(",")[elboCol]);
    double mean = (a + b) / 2;
    double sd = Math.abs(a - b) / Math.sqrt(2);
    String expectedCell = String.format(java.util.Locale.ROOT, "%.2f ± %.2f", mean, sd);
    assertThat(Files.readString(out.resolve("report.md"))).contains("| vae | " + expectedCell + " |");
    assertThat(Files.readString(out.resolve("report.html"))).contains("data:image/png;base64,");
    // recomputed from the saved checkpoint in a fresh graph: the analytic rate is the reported one
    EvaluationResult again = EvaluateRun.run(out.resolve("runs/vae-s0"), 1);
    assertThat(again.rate()).isCloseTo(Double.parseDouble(rows.get(1).split(",")[rateCol]), within(1e-4));
    // a second invocation trains nothing again
    CompareRun.Result second = CompareRun.run(e, out, new PrintStream(new ByteArrayOutputStream(), true));
    assertThat(second.trained()).isZero();
    assertThat(second.reused()).isEqualTo(4);
  }

  @Test
  void experimentFilesAreValidatedFieldByField() {
    assertThatThrownBy(() -> Experiment.parse("{\"variants\": [{\"name\": \"a\", \"settings\": {\"betta\": 2}}]}", "f.json"))
        .hasMessageContaining("f.json").hasMessageContaining("unknown setting 'betta'");
    assertThatThrownBy(() -> Experiment.parse("{\"variants\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}", "f.json"))
        .hasMessageContaining("duplicate variant name 'a'");
    assertThatThrownBy(() -> Experiment.parse("{\"variants\": [{\"name\": \"a\", \"settings\": {\"epochs\": 3}}]}", "f.json"))
        .hasMessageContaining("'epochs' is set by the experiment");
    assertThatThrownBy(() -> Experiment.parse("{\"variants\": [{\"name\": \"a\", \"settings\": {\"beta\": \"big\"}}]}", "f.json"))
        .hasMessageContaining("wrong type");
    assertThatThrownBy(() -> Experiment.parse("{\"epochs\": -1, \"variants\": [{\"name\": \"a\"}]}", "f.json"))
        .hasMessageContaining("'epochs' must be an integer >= 0, got -1");
    assertThatThrownBy(() -> Experiment.parse("{\"variants\": []}", "f.json")).hasMessageContaining("non-empty");
    assertThatThrownBy(() -> Experiment.parse("[1, 2]", "f.json")).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> Experiment.parse("{\"variants\": [{\"name\": \"a\", \"settings\": {\"model\": \"gan\"}}]}", "f.json"))
        .hasMessageContaining("unknown model 'gan'");
    assertThatThrownBy(() -> Experiment.standard(List.of("vae", "nope"), "embedded", 1, List.of(0L), 0, 0, 0, 0))
        .hasMessageContaining("unknown variant 'nope'");
  }
}
