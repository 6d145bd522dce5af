package dev.vaelab.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
  @TempDir Path tmp;

  @Test
  void writesValidJsonWithEscapesNullsForNonFiniteNumbersAndOrderedKeys() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "a \"quoted\"\\path\nnext\t\u0001");
    m.put("nan", Double.NaN);
    m.put("inf", Double.POSITIVE_INFINITY);
    m.put("whole", 3.0);
    m.put("real", -1.25);
    m.put("int", 7);
    m.put("flag", true);
    m.put("none", null);
    m.put("array", new double[] {1.5, Double.NaN});
    m.put("ints", new int[] {1, 2});
    m.put("list", List.of("x", 2L));
    String line = Json.writeLine(m);
    assertThat(line).doesNotContain("\n").contains("\"nan\":null").contains("\"whole\":3,").contains("\"ints\":[1,2]")
        .contains("\"array\":[1.5,null]").contains("\"none\":null");
    assertThat(line.indexOf("\"name\"")).isLessThan(line.indexOf("\"nan\"")).isLessThan(line.indexOf("\"list\""));
    // and a JSON parser reads back the same values
    var parsed = com.google.gson.JsonParser.parseString(Json.write(m)).getAsJsonObject();
    assertThat(parsed.get("name").getAsString()).isEqualTo(m.get("name"));
    assertThat(parsed.get("real").getAsDouble()).isEqualTo(-1.25);
    assertThat(parsed.get("nan").isJsonNull()).isTrue();
  }

  @Test
  void atomicWritesReplaceTheFileAndLeaveNoTemporary() throws Exception {
    Path f = tmp.resolve("out.json");
    AtomicFiles.writeString(f, "one");
    AtomicFiles.writeString(f, "two");
    assertThat(Files.readString(f)).isEqualTo("two");
    try (var s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("out.json");
    }
  }
}
