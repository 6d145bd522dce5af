package dev.vaelab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A family on the test class path only ({@code dev.vaelab.examples.testfamily.TinyVaeFamily}, one
 * class and one services line) is found by discovery and is trained, evaluated, sampled and exported
 * through the command line like the lab's own, with its own options and config.json keys.
 */
class DiscoveredFamilyTest {
  @TempDir Path tmp;

  record Exit(int code, String out, String err) {}

  static Exit vaelab(String... args) {
    String[] r = ModelFamiliesTest.run(args);
    return new Exit(Integer.parseInt(r[0]), r[1], r[2]);
  }

  static JsonObject json(Path file) throws Exception {
    return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
  }

  @Test
  void aFamilyOnTheClassPathIsTrainedEvaluatedSampledAndExportedThroughTheCommandLine() throws Exception {
    assertThat(vaelab("models").out()).contains("tiny-vae").contains("A test family");
    Exit help = vaelab("train", "--model", "tiny-vae", "--help");
    assertThat(help.out()).contains("--width=H", "--tiny-latent=D", "--tiny-beta=", "(default 16)", "--epochs=").doesNotContain("--codebook-size");

    Path run = tmp.resolve("tiny");
    Exit train = vaelab("train", "--model", "tiny-vae", "--width", "8", "--tiny-latent", "3", "--epochs", "2", "--train-limit", "300",
        "--test-limit", "60", "--nll", "10", "--nll-examples", "20", "--seed", "5", "--out", run.toString());
    assertThat(train.code()).as(train.err()).isZero();
    JsonObject config = json(run.resolve("config.json"));
    assertThat(config.get("model").getAsString()).isEqualTo("tiny-vae");
    assertThat(config.get("width").getAsLong()).isEqualTo(8);
    assertThat(config.get("tiny_latent").getAsLong()).isEqualTo(3);
    assertThat(config.get("tiny_beta").getAsDouble()).isEqualTo(1.0);
    JsonObject summary = json(run.resolve("summary.json"));
    assertThat(summary.get("latent_size").getAsLong()).isEqualTo(3);
    // 784·8 + 8 + 8·3·2 + 3·2 (encoder) + 3·8 + 8 + 8·784 + 784 (decoder)
    assertThat(summary.get("parameters").getAsLong()).isEqualTo(784 * 8 + 8 + 8 * 6 + 6 + 3 * 8 + 8 + 8 * 784 + 784);
    assertThat(summary.get("test_elbo").getAsDouble()).isLessThan(0).isGreaterThan(-784 * Math.log(2) * 1.5);

    Exit evaluate = vaelab("evaluate", "--run", run.toString());
    assertThat(evaluate.code()).as(evaluate.err()).isZero();
    assertThat(json(run.resolve("summary.json")).get("test_elbo").getAsDouble())
        .isEqualTo(JsonParser.parseString(Files.readString(run.resolve("evaluations.json"))).getAsJsonArray().get(0).getAsJsonObject()
            .getAsJsonObject("results").get("test_elbo").getAsDouble());

    Path png = tmp.resolve("s.png");
    assertThat(vaelab("sample", "--run", run.toString(), "-n", "9", "--out", png.toString()).code()).isZero();
    assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThanOrEqualTo(3 * 28);

    Path export = tmp.resolve("export");
    assertThat(vaelab("export", "--run", run.toString(), "--out", export.toString()).code()).isZero();
    assertThat(export.resolve("saved_model.pb")).isRegularFile();

    // a bad value of its option is refused with the record's message; another family's option is named as such
    Exit bad = vaelab("train", "--model", "tiny-vae", "--width", "0", "--out", tmp.resolve("bad").toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("width must be >= 1, got 0");
    Exit other = vaelab("train", "--model", "tiny-vae", "--codebook-size", "4");
    assertThat(other.code()).isEqualTo(2);
    assertThat(other.err()).contains("option --codebook-size is not an option of model tiny-vae (it is an option of vq-vae)");
  }
}
