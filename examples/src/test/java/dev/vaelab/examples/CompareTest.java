package dev.vaelab.examples;

import dev.vaelab.lab.Lab;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
      {"data": "embedded", "epochs": 1, "seeds": [0, 1], "nll_k": 50, "nll_examples": 20, "train_limit": 300, "test_limit": 100,
       "variants": [
         {"name": "vae", "settings": {"model": "gaussian-vae", "hidden": [64], "latent": 4}},
         {"name": "vq", "settings": {"model": "vq-vae", "codebook_size": 16, "code_dimension": 4}}
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
    // the representation metrics of every VAE run, as evaluate computes them on its encoding (the VQ-VAE's code indices have none)
    int probeCol = List.of(head).indexOf("probe_accuracy");
    assertThat(probeCol).isPositive();
    double probe = Double.parseDouble(rows.get(1).split(",", -1)[probeCol]);
    var direct = Lab.evaluate(out.resolve("runs/vae-s0"), new ModelFamily.EvaluationRequest(0, 0, 0, "prior", 10, "probe"), TrainRunTest.QUIET);
    assertThat(probe).isEqualTo(direct.toMap().get("probe_accuracy"));
    assertThat(Files.readString(out.resolve("report.md"))).contains("probe accuracy").contains("k-means NMI");
    // the report states the settings the runs used
    assertThat(Files.readString(out.resolve("report.md"))).contains("## Settings the runs used").contains("\"codebook_size\":16");
    // recomputed from the saved checkpoint in a fresh graph: the analytic rate is the reported one
    var again = Lab.evaluate(out.resolve("runs/vae-s0"), new ModelFamily.EvaluationRequest(1, 0, 0), TrainRunTest.QUIET);
    assertThat(again.testRate().getAsDouble()).isCloseTo(Double.parseDouble(rows.get(1).split(",")[rateCol]), within(1e-4));
    // a second invocation trains nothing again
    CompareRun.Result second = CompareRun.run(e, out, new PrintStream(new ByteArrayOutputStream(), true));
    assertThat(second.trained()).isZero();
    assertThat(second.reused()).isEqualTo(4);
    // a changed experiment: only the runs whose settings differ are trained again, and the table shows the new numbers
    Experiment changed = Experiment.parse(EXPERIMENT.replace("\"latent\": 4", "\"latent\": 3"), "changed");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    CompareRun.Result third = CompareRun.run(changed, out, new PrintStream(log, true));
    assertThat(third.trained()).isEqualTo(2);
    assertThat(third.reused()).isEqualTo(2);
    assertThat(log.toString()).contains("has other settings (latent is 3 here but 4)");
    RunSpec stored = RunSpec.read(out.resolve("runs/vae-s0/config.json"));
    assertThat(stored.asRequested().toJson()).isEqualTo(changed.runSpec(changed.variants().get(0), 0).toJson());
    assertThat(stored.read().dataShape()).isEqualTo("28x28x1"); // and what the run read is recorded
    assertThat(TrainRunTest.json(out.resolve("runs/vae-s0/summary.json")).get("latent_size").getAsInt()).isEqualTo(3);
  }

  @Test
  void experimentFilesAreValidatedFieldByField() {
    assertThatThrownBy(() -> Experiment.parse("{\"variants\": [{\"name\": \"a\", \"settings\": {\"betta\": 2}}]}", "f.json"))
        .hasMessageContaining("f.json").hasMessageContaining("setting 'model' must name a model family");
    assertThatThrownBy(() -> Experiment.parse("{\"variants\": [{\"name\": \"a\", \"settings\": {\"model\": \"gmm\", \"betta\": 2}}]}", "f.json"))
        .hasMessageContaining("f.json").hasMessageContaining("'betta' is not a setting of model gmm");
    // a VQ-VAE setting given to the mixture: the same typed binding as config.json
    assertThatThrownBy(() -> Experiment.parse("{\"variants\": [{\"name\": \"a\", \"settings\": {\"model\": \"gmm\", \"codebook_size\": 2}}]}", "f.json"))
        .hasMessageContaining("'codebook_size' is not a setting of model gmm");
    assertThatThrownBy(() -> Experiment.parse("{\"variants\": [{\"name\": \"a\", \"settings\": {\"model\": \"gmm\"}}, {\"name\": \"a\"}]}", "f.json"))
        .hasMessageContaining("duplicate variant name 'a'");
    assertThatThrownBy(() -> Experiment.parse("{\"variants\": [{\"name\": \"a\", \"settings\": {\"epochs\": 3}}]}", "f.json"))
        .hasMessageContaining("'epochs' is set by the experiment");
    assertThatThrownBy(() -> Experiment.parse("{\"variants\": [{\"name\": \"a\", \"settings\": {\"model\": \"gaussian-vae\", \"beta\": \"big\"}}]}", "f.json"))
        .hasMessageContaining("setting 'beta' must be a number, got \"big\"");
    assertThatThrownBy(() -> Experiment.parse("{\"epochs\": -1, \"variants\": [{\"name\": \"a\"}]}", "f.json"))
        .hasMessageContaining("epochs must be >= 0, got -1");
    assertThatThrownBy(() -> Experiment.parse("{\"variants\": []}", "f.json")).hasMessageContaining("non-empty");
    assertThatThrownBy(() -> Experiment.parse("[1, 2]", "f.json")).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> Experiment.parse("{\"variants\": [{\"name\": \"a\", \"settings\": {\"model\": \"gan\"}}]}", "f.json"))
        .hasMessageContaining("unknown model 'gan'");
    assertThatThrownBy(() -> Experiment.standard(List.of("vae", "nope"), new Experiment.Shared("embedded", 1, 0, 0, 0, 0), List.of(0L)))
        .hasMessageContaining("unknown variant 'nope'");
  }
}
