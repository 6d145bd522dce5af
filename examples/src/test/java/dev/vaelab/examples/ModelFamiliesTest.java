package dev.vaelab.examples;

import dev.vaelab.lab.families.vae.DecoderKind;
import dev.vaelab.lab.families.vae.PriorKind;
import dev.vaelab.lab.families.gmm.GmmFamily;
import dev.vaelab.lab.families.vae.GaussianVaeFamily;
import dev.vaelab.lab.families.vae.IwaeFamily;
import dev.vaelab.lab.run.ModelFamilies;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.settings.RecordJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry and the command line built from it. */
class ModelFamiliesTest {
  /** Runs the command line capturing stdout too. */
  static String[] run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true));
      code = Vaelab.execute(new PrintStream(err, true), args);
    } finally {
      System.setOut(old);
    }
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void modelsListsEveryFamilyWithItsDescription() {
    String[] r = run("models");
    assertThat(r[0]).isEqualTo("0");
    for (ModelFamily<?> f : ModelFamilies.all()) {
      assertThat(r[1]).contains(f.name()).contains(f.description());
    }
    // the lab's own in the order of its services file, then the families of other jars by name (here the test class path's tiny-vae)
    assertThat(ModelFamilies.all()).extracting(ModelFamily::name).containsExactly("gaussian-vae", "iwae", "cvae", "conv-vae", "categorical-vae", "tc-vae", "vq-vae",
        "gmm", "capacity-vae", "dip-vae", "factor-vae", "ladder-vae", "wae", "info-vae", "rae", "tiny-vae");
  }

  @Test
  void trainHelpShowsTheNamedFamilysOptionsOnly() {
    String gmm = run("train", "--model", "gmm", "--help")[1];
    assertThat(gmm).contains("--components=", "--covariance=", "--init=", "--data=", "--seed=", "--out=")
        .doesNotContain("--codebook-size=", "--epochs=", "--beta=", "--k=");
    String vq = run("train", "--model", "vq-vae", "--help")[1];
    assertThat(vq).contains("--codebook-size=", "--epochs=", "--batch-size=").doesNotContain("--components=", "--beta=", "--hidden=");
    String vae = run("train", "--help")[1];
    assertThat(vae).contains("--beta=", "--free-bits=", "--hidden=", "--epochs=").doesNotContain("--codebook-size=", "--gradient=");
  }

  @Test
  void anOptionOfAnotherFamilyIsRejectedNamingTheOptionAndTheFamily() {
    String[] r = run("train", "--model", "gmm", "--codebook-size", "4");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("option --codebook-size is not an option of model gmm (it is an option of vq-vae)")
        .contains("vaelab train --model gmm --help");
    assertThat(run("train", "--model", "vq-vae", "--beta=4")[2]).contains("--beta is not an option of model vq-vae (it is an option of gaussian-vae, cvae, conv-vae, tc-vae, rae)");
    assertThat(run("train", "--model", "gmm", "--epochs", "3")[2]).contains("--epochs is not an option of model gmm");
    assertThat(run("train", "--model", "nope")[2]).contains("unknown model 'nope'; available: gaussian-vae, iwae, cvae, conv-vae, categorical-vae, tc-vae, vq-vae, gmm");
    assertThat(run("train", "--model", "nope", "--k", "3")[2]).contains("unknown model 'nope'");
  }

  @Test
  void configKeysAreSnakeCaseAndNeverCollideAndEveryFamilysDefaultsRoundTrip() {
    for (ModelFamily<?> f : ModelFamilies.all()) {
      List<String> keys = RunSpec.keys(f);
      assertThat(new HashSet<>(keys)).as(f.name()).hasSameSizeAs(keys);
      for (String k : keys) {
        assertThat(k).matches("[a-z][a-z0-9_]*");
      }
      RunSpec d = RunSpec.defaults(f);
      JsonObject o = dev.vaelab.core.io.Json.parse(d.toJson(), f.name()).getAsJsonObject();
      assertThat(o.keySet()).containsExactlyElementsOf(keys);
      assertThat(RunSpec.parse(o, f.name(), null).toJson()).isEqualTo(d.toJson());
      // the CLI's defaults are the record's
      assertThat(dev.vaelab.core.io.Json.writeLine(RecordJson.toMap(cliDefaults(f))))
          .isEqualTo(dev.vaelab.core.io.Json.writeLine(RecordJson.toMap(f.defaults())));
    }
  }

  /** The options record the command line gives when none of the family's options is given. */
  static <O extends Record> O cliDefaults(ModelFamily<O> f) {
    var spec = picocli.CommandLine.Model.CommandSpec.create();
    var cli = dev.vaelab.cli.SettingOptions.addTo(spec, f.optionsType(), f.defaults());
    new picocli.CommandLine(spec).parseArgs();
    return cli.toRecord();
  }

  @Test
  void theTopLevelHelpListsEveryCommandAndTheVersionIsThePoms() throws Exception {
    String help = run("--help")[1];
    for (String c : List.of("models", "train", "evaluate", "sample", "export", "compare", "bench", "exercises", "metrics")) {
      assertThat(help).contains("  " + c + " ");
    }
    String pom = Files.readString(Path.of(System.getProperty("user.dir")).resolve("pom.xml"));
    var m = java.util.regex.Pattern.compile("<version>([^<]+)</version>").matcher(pom);
    assertThat(m.find()).isTrue();
    assertThat(run("-V")[1].trim()).isEqualTo("vaelab " + m.group(1));
  }

  @Test
  void userFacingTextNamesNoJavaClass() throws Exception {
    Set<String> classes = new HashSet<>();
    try (var s = Files.list(Path.of(System.getProperty("user.dir")).resolve("src/main/java/dev/vaelab/examples"))) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java")).forEach(n -> classes.add(n.replace(".java", "")));
    }
    StringBuilder all = new StringBuilder();
    all.append(run("--help")[1]);
    for (String c : List.of("models", "train", "evaluate", "sample", "export", "compare", "bench", "exercises", "metrics")) {
      all.append(run(c, "--help")[1]);
    }
    for (ModelFamily<?> f : ModelFamilies.all()) {
      all.append(run("train", "--model", f.name(), "--help")[1]);
    }
    for (String c : classes) {
      assertThat(all.toString()).as(c).doesNotContainPattern("\\b" + c + "\\b");
    }
  }

  @Test
  void sharedOptionsAreDeclaredOnce() throws Exception {
    Path src = Path.of(System.getProperty("user.dir")).getParent(); // every module's sources
    // (--seed of evaluate and sample is another setting: the noise of one evaluation or sample set)
    Map<String, String> owner = Map.of("--data", "DataSettings.java", "--train-limit", "DataSettings.java", "--test-limit", "DataSettings.java",
        "--epochs", "TrainingSettings.java", "--nll-k", "TrainingSettings.java", "--nll-examples", "TrainingSettings.java",
        "--hidden", "VaeNetwork.java", "--prior", "VaeNetwork.java", "--latent", "VaeNetwork.java");
    for (Map.Entry<String, String> e : owner.entrySet()) {
      String option = e.getKey();
      List<String> declaring = new java.util.ArrayList<>();
      for (String module : List.of("lab", "cli", "examples", "spark")) {
        try (var files = Files.walk(src.resolve(module + "/src/main/java"))) {
          for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
            String text = Files.readString(f);
            if (f.getFileName().toString().equals("SparkBenchCommand.java")) {
              continue; // its --epochs is the benchmark's own (epochs per timed run), not a run setting
            }
            if (java.util.regex.Pattern.compile("@(Option|Setting)\\(names = [{]?\"" + option + "\"").matcher(text).find()) {
              declaring.add(f.getFileName().toString());
            }
          }
        }
      }
      // --hidden and --latent are declared again only by the families whose network is not VaeNetwork's (conv, categorical, tc)
      if (option.equals("--hidden") || option.equals("--latent")) {
        assertThat(declaring).as(option).contains(e.getValue()).doesNotContain("GaussianVaeFamily.java", "IwaeFamily.java", "CvaeFamily.java");
      } else if (option.equals("--data")) { // and --data of a command on a trained run: other data read as the run's
        assertThat(declaring).as(option).containsExactlyInAnyOrder(e.getValue(), "OtherData.java");
      } else if (option.equals("--prior")) {
        assertThat(declaring).as(option).containsExactlyInAnyOrder(e.getValue(), "CvaeFamily.java"); // the conditional choices
      } else {
        assertThat(declaring).as(option).containsExactly(e.getValue());
      }
    }
    // and train, compare and bench all offer them
    for (String[] cmd : List.of(new String[] {"train", "--help"}, new String[] {"compare", "--help"}, new String[] {"bench", "--help"})) {
      assertThat(run(cmd)[1]).contains("--data=", "--epochs=", "--nll-k=", "--train-limit=");
    }
  }

  @Test
  void unknownFamiliesAndBadOptionValuesNameTheValue() {
    assertThatThrownBy(() -> ModelFamilies.named("gan")).hasMessageContaining("unknown model 'gan'");
    assertThatThrownBy(() -> new GmmFamily.Options(0, dev.vaelab.gmm.CovarianceType.FULL, 5, 1e-3, 10, 1, null, false)).hasMessageContaining("K must be >= 1, got 0");
    assertThatThrownBy(() -> IwaeFamily.Options.defaults().with("k", 3).with("gradient", "dreg2")).hasMessageContaining("dreg2");
    assertThatThrownBy(() -> dev.vaelab.lab.settings.Records.with(GaussianVaeFamily.Options.defaults(), "decoder", "poisson")).hasMessageContaining("'poisson'");
  }
}
