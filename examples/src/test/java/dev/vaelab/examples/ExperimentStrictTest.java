package dev.vaelab.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Issue 30, group 7: experiment files are parsed strictly — no wrapped numbers, no key taken twice. */
class ExperimentStrictTest {
  static String experiment(String seeds) {
    return """
        {"data": "embedded", "epochs": 1, "seeds": %s,
         "variants": [{"name": "vae", "settings": {"model": "gaussian-vae"}}]}
        """.formatted(seeds);
  }

  @Test
  void seedsOutsideTheRangeOfALongAreRefusedNotWrapped() {
    // 2^63 wrapped to -2^63 and 1e30 to 5076944270305263616 before; --seeds refuses the same values
    assertThatThrownBy(() -> Experiment.parse(experiment("[9223372036854775808]"), "e.json"))
        .hasMessageContaining("e.json: seed must be an integer in [-9223372036854775808, 9223372036854775807], got 9223372036854775808");
    assertThatThrownBy(() -> Experiment.parse(experiment("[1e30]"), "e.json")).hasMessageContaining("e.json: seed")
        .hasMessageContaining("got 1E+30");
    assertThatThrownBy(() -> Experiment.parse(experiment("[1.5]"), "e.json")).hasMessageContaining("seed must be an integer, got 1.5");
    // the largest long and an integral decimal are taken exactly
    assertThat(Experiment.parse(experiment("[9223372036854775807, 2.0]"), "e.json").seeds()).containsExactly(Long.MAX_VALUE, 2L);
    assertThatThrownBy(() -> Experiment.parse(experiment("[0]").replace("\"epochs\": 1", "\"epochs\": 3000000000"), "e.json"))
        .hasMessageContaining("epochs").hasMessageContaining("3000000000");
  }

  @Test
  void aKeyGivenTwiceIsRefusedNamingItAndWhere() {
    assertThatThrownBy(() -> Experiment.parse(experiment("[0]").replace("\"epochs\": 1", "\"epochs\": 1, \"epochs\": 5"), "e.json"))
        .hasMessageContaining("e.json: key 'epochs' is given twice");
    String inVariant = experiment("[0]").replace("{\"model\": \"gaussian-vae\"}", "{\"model\": \"gaussian-vae\", \"latent\": 2, \"latent\": 8}");
    assertThatThrownBy(() -> Experiment.parse(inVariant, "e.json"))
        .hasMessageContaining("key 'latent' is given twice in variants[0].settings");
    assertThatThrownBy(() -> Experiment.parse(experiment("[0]") + " {}", "e.json")).hasMessageContaining("e.json is not valid JSON");
    assertThatThrownBy(() -> Experiment.parse("{\"data\": NaN}", "e.json")).hasMessageContaining("e.json is not valid JSON");
  }
}
