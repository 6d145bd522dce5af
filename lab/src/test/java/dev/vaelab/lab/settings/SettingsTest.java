package dev.vaelab.lab.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One declaration per setting: descriptors, generic copies, choices and their JSON binding, on a record made for the test. */
class SettingsTest {
  enum Shape implements Choice {
    ROUND("round"), SQUARE_ISH("square-ish");

    private final String id;

    Shape(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }
  }

  interface Shared {
    @Setting(names = "--width", label = "W", help = "Width (default ${DEFAULT-VALUE}).")
    long width();
  }

  record Knobs(
      long width,
      @Setting(names = {"--rate", "-r"}, help = "A rate.") double learningRate,
      @Setting(names = "--shape", help = "round or square-ish.") Shape shape,
      String recordedOnly) implements Shared, Settings<Knobs> {
    Knobs {
      if (width < 1) {
        throw new IllegalArgumentException("width must be >= 1, got " + width);
      }
    }
  }

  @Test
  void descriptorsComeFromTheComponentOrTheInterfaceItImplements() {
    List<SettingDescriptor> all = SettingDescriptor.of(Knobs.class);
    assertThat(all).extracting(SettingDescriptor::key).containsExactly("width", "learning_rate", "shape", "recorded_only");
    assertThat(SettingDescriptor.options(Knobs.class)).extracting(SettingDescriptor::option).containsExactly("--width", "--rate", "--shape");
    SettingDescriptor width = all.get(0);
    assertThat(width.declaration().label()).isEqualTo("W"); // declared on Shared.width()
    assertThat(all.get(2).isChoice()).isTrue();
    assertThat(all.get(3).isOption()).isFalse();
    assertThat(width.valueIn(new Knobs(3, 0.1, Shape.ROUND, ""))).isEqualTo(3L);
  }

  @Test
  void copiesGoThroughTheConstructorAndCoerceIdsAndWholeNumbers() {
    Knobs k = new Knobs(3, 0.1, Shape.ROUND, "");
    Knobs c = k.with("width", 7).with("shape", "square-ish").with("learningRate", 2);
    assertThat(c).isEqualTo(new Knobs(7, 2.0, Shape.SQUARE_ISH, ""));
    assertThat(k.width()).isEqualTo(3); // unchanged
    assertThatThrownBy(() -> k.with("width", 0)).hasMessage("width must be >= 1, got 0");
    assertThatThrownBy(() -> k.with("shape", "oval")).hasMessage("shape must be one of [round, square-ish], got 'oval'");
    assertThatThrownBy(() -> Records.with(k, Map.of("colour", 1))).hasMessageContaining("no component among [colour]");
    assertThatThrownBy(() -> k.with("learningRate", "fast")).hasMessage("learning_rate must be a double, got String fast");
  }

  @Test
  void choicesAreWrittenAndReadByTheirIds() {
    Knobs k = new Knobs(3, 0.5, Shape.SQUARE_ISH, "x");
    com.google.gson.JsonObject o = new com.google.gson.JsonObject();
    RecordJson.addTo(o, k);
    assertThat(o.get("shape").getAsString()).isEqualTo("square-ish");
    assertThat(RecordJson.toMap(k)).containsEntry("shape", "square-ish").containsEntry("learning_rate", 0.5);
    assertThat(RecordJson.read(Knobs.class, k, o, "f.json")).isEqualTo(k);
    var bad = JsonParser.parseString("{\"shape\": \"oval\"}").getAsJsonObject();
    assertThatThrownBy(() -> RecordJson.read(Knobs.class, k, bad, "f.json")).hasMessage("f.json: shape must be one of [round, square-ish], got 'oval'");
    var badWidth = JsonParser.parseString("{\"width\": 0}").getAsJsonObject();
    assertThatThrownBy(() -> RecordJson.read(Knobs.class, k, badWidth, "f.json")).hasMessage("f.json: width must be >= 1, got 0");
  }
}
