package dev.vaelab.examples;

import dev.vaelab.lab.run.ModelFamilies;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunSpec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random and mutated config.json texts: each binds to a valid run or is rejected with
 * an IllegalArgumentException naming the problem; no other exception type.
 */
class ConfigFuzzTest {
  static final int INPUTS = 5000;
  static final List<String> VALUES = List.of("0", "-1", "1", "3", "2.5", "1e30", "-1e30", "\"x\"", "\"\"", "null", "true", "false", "[]",
      "{}", "[64]", "[0]", "[-5]", "[1.5]", "\"gaussian-vae\"", "\"iwae\"", "\"vq-vae\"", "\"gmm\"", "\"dreg\"", "\"full\"", "\"diag\"",
      "\"embedded\"", "\"bernoulli\"", "\"gaussian-learned\"", "1e-3", "9999999999999");

  static String randomConfig(Random r) {
    List<String> keys = new java.util.ArrayList<>();
    ModelFamily<?> f = ModelFamilies.all().get(r.nextInt(ModelFamilies.all().size()));
    keys.addAll(RunSpec.keys(f));
    keys.add("codebook_size");
    keys.add("nope");
    StringBuilder sb = new StringBuilder("{");
    if (r.nextInt(8) > 0) {
      sb.append("\"model\": \"").append(f.name()).append("\"");
    } else {
      sb.append("\"model\": ").append(VALUES.get(r.nextInt(VALUES.size())));
    }
    int m = r.nextInt(5);
    for (int j = 0; j < m; j++) {
      sb.append(", \"").append(keys.get(r.nextInt(keys.size()))).append("\": ").append(VALUES.get(r.nextInt(VALUES.size())));
    }
    return sb.append("}").toString();
  }

  @Test
  void everyConfigIsBoundOrRejectedWithAClearMessage() {
    Random r = new Random(11);
    int accepted = 0;
    int rejected = 0;
    for (int i = 0; i < INPUTS; i++) {
      String text = randomConfig(r);
      if (r.nextInt(4) == 0) {
        text = ExperimentFuzzTest.mutate(text, r);
      }
      try {
        var json = dev.vaelab.core.io.Json.parse(text, "fuzz-" + i);
        if (!json.isJsonObject()) {
          throw new IllegalArgumentException("not an object");
        }
        RunSpec s = RunSpec.parse(json.getAsJsonObject(), "fuzz-" + i, null);
        // what binds round-trips
        assertThat(RunSpec.parse(dev.vaelab.core.io.Json.parse(s.toJson(), "again").getAsJsonObject(), "again", null).toJson())
            .isEqualTo(s.toJson());
        accepted++;
      } catch (IllegalArgumentException ex) {
        assertThat(ex.getMessage()).as(text).isNotBlank();
        rejected++;
      }
    }
    System.out.printf("config fuzz: %d inputs, %d bound, %d rejected cleanly, 0 crashes%n", INPUTS, accepted, rejected);
    assertThat(accepted + rejected).isEqualTo(INPUTS);
    assertThat(accepted).isPositive();
    assertThat(rejected).isPositive();
  }
}
