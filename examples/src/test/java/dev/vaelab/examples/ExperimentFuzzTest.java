package dev.vaelab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random and mutated experiment files: each parses to a valid experiment or is rejected
 * with an IllegalArgumentException naming the problem; no other exception type, no hang.
 */
class ExperimentFuzzTest {
  static final int INPUTS = 5000;
  static final List<String> VALUES = List.of("0", "-1", "1", "2.5", "1e30", "-1e30", "\"x\"", "\"\"", "null", "true", "[]", "{}", "[1]",
      "\"gaussian-vae\"", "\"iwae\"", "\"vq-vae\"", "\"gmm\"", "\"dreg\"", "\"full\"", "NaN", "\"embedded\"", "[64]", "[0]", "[-5]");
  static final List<String> KEYS = List.of("beta", "k", "gradient", "hidden", "latent", "decoder", "free_bits", "warmup_steps",
      "codebook_size", "commitment", "covariance", "components", "batch_size", "learning_rate", "ema", "x", "epochs", "nll_k", "init",
      "pca_dim", "csv_header", "deterministic");
  static final List<String> MODELS = List.of("\"gaussian-vae\"", "\"iwae\"", "\"vq-vae\"", "\"gmm\"", "\"gan\"", "3", "null");

  static String randomExperiment(Random r) {
    StringBuilder sb = new StringBuilder("{");
    if (r.nextBoolean()) {
      sb.append("\"epochs\": ").append(VALUES.get(r.nextInt(VALUES.size()))).append(", ");
    }
    if (r.nextInt(4) == 0) {
      sb.append("\"seeds\": ").append(VALUES.get(r.nextInt(VALUES.size()))).append(", ");
    }
    sb.append("\"variants\": [");
    int n = r.nextInt(3);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append("{\"name\": ").append(r.nextInt(5) == 0 ? VALUES.get(r.nextInt(VALUES.size())) : "\"v" + r.nextInt(3) + "\"").append(", \"settings\": {");
      int m = r.nextInt(4);
      if (r.nextInt(6) > 0) {
        sb.append("\"model\": ").append(MODELS.get(r.nextInt(MODELS.size())));
        sb.append(m > 0 ? ", " : "");
      }
      for (int j = 0; j < m; j++) {
        if (j > 0) {
          sb.append(", ");
        }
        sb.append('"').append(KEYS.get(r.nextInt(KEYS.size()))).append("\": ").append(VALUES.get(r.nextInt(VALUES.size())));
      }
      sb.append("}}");
    }
    sb.append("]}");
    return sb.toString();
  }

  static String mutate(String s, Random r) {
    if (s.isEmpty()) {
      return "{";
    }
    StringBuilder b = new StringBuilder(s);
    for (int i = 0; i < 1 + r.nextInt(3); i++) {
      int at = r.nextInt(b.length());
      switch (r.nextInt(3)) {
        case 0 -> b.deleteCharAt(at);
        case 1 -> b.insert(at, "{}[],:\"0a-".charAt(r.nextInt(10)));
        default -> b.setCharAt(at, (char) (32 + r.nextInt(95)));
      }
      if (b.length() == 0) {
        break;
      }
    }
    return b.toString();
  }

  @Test
  void everyExperimentFileIsParsedOrRejectedWithAClearMessage() {
    Random r = new Random(7);
    int accepted = 0;
    int rejected = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < INPUTS; i++) {
      String text = randomExperiment(r);
      if (r.nextInt(3) == 0) {
        text = mutate(text, r);
      }
      try {
        Experiment e = Experiment.parse(text, "fuzz-" + i);
        assertThat(e.variants()).isNotEmpty();
        accepted++;
      } catch (IllegalArgumentException ex) {
        assertThat(ex.getMessage()).as(text).isNotBlank();
        rejected++;
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("experiment fuzz: %d inputs, %d accepted, %d rejected cleanly, 0 crashes, %.2f s%n", INPUTS, accepted, rejected, seconds);
    assertThat(accepted + rejected).isEqualTo(INPUTS);
    assertThat(accepted).isPositive();
    assertThat(seconds).isLessThan(60);
  }
}
