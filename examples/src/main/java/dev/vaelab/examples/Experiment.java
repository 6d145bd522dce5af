package dev.vaelab.examples;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A comparative experiment: several variants trained on the same data with the same budget and
 * seeds. Read from a JSON file and validated field by field:
 *
 * <pre>
 * {
 *   "data": "embedded", "epochs": 5, "seeds": [0, 1], "nllK": 1000, "nllExamples": 500,
 *   "trainLimit": 0, "testLimit": 0,
 *   "variants": [
 *     {"name": "vae",       "settings": {"model": "gaussian-vae"}},
 *     {"name": "beta-vae",  "settings": {"model": "gaussian-vae", "beta": 4}},
 *     {"name": "iwae-5",    "settings": {"model": "iwae", "k": 5}}
 *   ]
 * }
 * </pre>
 *
 * A variant's {@code settings} are fields of {@link RunConfig} (unknown names are rejected);
 * data, epochs, seeds, trainLimit, testLimit and the NLL settings come from the experiment.
 *
 * @param data embedded, fmnist or a folder
 * @param epochs epochs for every variant
 * @param seeds one run per variant and seed
 * @param nllK importance samples of the test NLL (0 skips it)
 * @param nllExamples test images for the NLL
 * @param trainLimit first N training images (0 = all)
 * @param testLimit first N test images (0 = all)
 * @param variants the variants, in report order
 */
public record Experiment(String data, int epochs, List<Long> seeds, int nllK, int nllExamples, int trainLimit, int testLimit, List<Variant> variants) {

  /** One variant: a unique name and its settings. */
  public record Variant(String name, RunConfig settings) {}

  private static final Set<String> TOP_LEVEL = Set.of("data", "epochs", "seeds", "nllK", "nllExamples", "trainLimit", "testLimit", "variants");
  private static final Set<String> EXPERIMENT_OWNED = Set.of("data", "epochs", "seed", "nllK", "nllExamples", "trainLimit", "testLimit");

  /** The variants compared when none are named: name → settings JSON. */
  public static final Map<String, String> STANDARD_VARIANTS = standardVariants();

  private static Map<String, String> standardVariants() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("vae", "{\"model\": \"gaussian-vae\"}");
    m.put("beta-vae", "{\"model\": \"gaussian-vae\", \"beta\": 4}");
    m.put("iwae-5", "{\"model\": \"iwae\", \"k\": 5}");
    m.put("iwae-50", "{\"model\": \"iwae\", \"k\": 50}");
    m.put("dreg-5", "{\"model\": \"iwae\", \"k\": 5, \"gradient\": \"dreg\"}");
    m.put("vq-ema", "{\"model\": \"vq-vae\"}");
    m.put("vq-loss", "{\"model\": \"vq-vae\", \"ema\": false}");
    m.put("gmm", "{\"model\": \"gmm\", \"components\": 10, \"covariance\": \"diag\"}");
    return m;
  }

  /** An experiment of named standard variants. */
  public static Experiment standard(List<String> names, String data, int epochs, List<Long> seeds, int nllK, int nllExamples, int trainLimit, int testLimit) {
    JsonObject o = new JsonObject();
    o.addProperty("data", data);
    o.addProperty("epochs", epochs);
    com.google.gson.JsonArray s = new com.google.gson.JsonArray();
    seeds.forEach(s::add);
    o.add("seeds", s);
    o.addProperty("nllK", nllK);
    o.addProperty("nllExamples", nllExamples);
    o.addProperty("trainLimit", trainLimit);
    o.addProperty("testLimit", testLimit);
    com.google.gson.JsonArray vs = new com.google.gson.JsonArray();
    for (String n : names) {
      String settings = STANDARD_VARIANTS.get(n);
      if (settings == null) {
        throw new IllegalArgumentException("unknown variant '" + n + "'; standard variants: " + STANDARD_VARIANTS.keySet());
      }
      JsonObject v = new JsonObject();
      v.addProperty("name", n);
      v.add("settings", JsonParser.parseString(settings));
      vs.add(v);
    }
    o.add("variants", vs);
    return parse(o.toString(), "--variants");
  }

  /** Reads and validates an experiment file. */
  public static Experiment read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read experiment file " + file, e);
    }
  }

  /**
   * Parses and validates experiment JSON.
   *
   * @param source name for messages
   * @throws IllegalArgumentException naming the field and what was expected
   */
  public static Experiment parse(String json, String source) {
    JsonElement root;
    try {
      root = JsonParser.parseString(json);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage(), e);
    }
    if (!root.isJsonObject()) {
      throw new IllegalArgumentException(source + ": expected a JSON object at the top level");
    }
    JsonObject o = root.getAsJsonObject();
    for (String k : o.keySet()) {
      if (!TOP_LEVEL.contains(k)) {
        throw new IllegalArgumentException(source + ": unknown field '" + k + "'; expected " + TOP_LEVEL);
      }
    }
    String data = string(o, "data", DataSource.EMBEDDED, source);
    int epochs = integer(o, "epochs", 5, 0, source);
    int nllK = integer(o, "nllK", 1000, 0, source);
    int nllExamples = integer(o, "nllExamples", 500, 0, source);
    int trainLimit = integer(o, "trainLimit", 0, 0, source);
    int testLimit = integer(o, "testLimit", 0, 0, source);
    List<Long> seeds = new ArrayList<>();
    if (o.has("seeds")) {
      if (!o.get("seeds").isJsonArray() || o.getAsJsonArray("seeds").isEmpty()) {
        throw new IllegalArgumentException(source + ": 'seeds' must be a non-empty array of integers");
      }
      for (JsonElement e : o.getAsJsonArray("seeds")) {
        try {
          seeds.add(e.getAsLong());
        } catch (RuntimeException ex) {
          throw new IllegalArgumentException(source + ": seed " + e + " is not an integer");
        }
      }
    } else {
      seeds.add(0L);
    }
    if (!o.has("variants") || !o.get("variants").isJsonArray() || o.getAsJsonArray("variants").isEmpty()) {
      throw new IllegalArgumentException(source + ": 'variants' must be a non-empty array");
    }
    Set<String> configFields = new HashSet<>();
    for (Field f : RunConfig.class.getDeclaredFields()) {
      if (Modifier.isPublic(f.getModifiers()) && !Modifier.isStatic(f.getModifiers())) {
        configFields.add(f.getName());
      }
    }
    Gson gson = new Gson();
    List<Variant> variants = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int i = 0;
    for (JsonElement ve : o.getAsJsonArray("variants")) {
      String where = source + ": variant " + i++;
      if (!ve.isJsonObject()) {
        throw new IllegalArgumentException(where + " is not an object");
      }
      JsonObject v = ve.getAsJsonObject();
      String name = string(v, "name", null, where);
      if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
        throw new IllegalArgumentException(where + ": name must match [a-z0-9][a-z0-9-]*, got " + v.get("name"));
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException(where + ": duplicate variant name '" + name + "'");
      }
      JsonObject settings = v.has("settings") && v.get("settings").isJsonObject() ? v.getAsJsonObject("settings") : new JsonObject();
      for (String k : v.keySet()) {
        if (!k.equals("name") && !k.equals("settings")) {
          throw new IllegalArgumentException(where + " ('" + name + "'): unknown field '" + k + "'; expected name and settings");
        }
      }
      for (String k : settings.keySet()) {
        if (!configFields.contains(k)) {
          throw new IllegalArgumentException(where + " ('" + name + "'): unknown setting '" + k + "'; settings are fields of RunConfig: " + configFields);
        }
        if (EXPERIMENT_OWNED.contains(k)) {
          throw new IllegalArgumentException(where + " ('" + name + "'): '" + k + "' is set by the experiment, not per variant");
        }
      }
      JsonObject merged = gson.toJsonTree(new RunConfig()).getAsJsonObject();
      settings.entrySet().forEach(e -> merged.add(e.getKey(), e.getValue()));
      RunConfig c;
      try {
        c = gson.fromJson(merged, RunConfig.class);
      } catch (JsonParseException | NumberFormatException | IllegalStateException e) {
        throw new IllegalArgumentException(where + " ('" + name + "'): a setting has the wrong type: " + e.getMessage(), e);
      }
      c.data = data;
      c.epochs = epochs;
      c.nllK = nllK;
      c.nllExamples = nllExamples;
      c.trainLimit = trainLimit;
      c.testLimit = testLimit;
      try {
        c.validate();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + " ('" + name + "'): " + e.getMessage(), e);
      }
      variants.add(new Variant(name, c));
    }
    return new Experiment(data, epochs, List.copyOf(seeds), nllK, nllExamples, trainLimit, testLimit, List.copyOf(variants));
  }

  private static String string(JsonObject o, String key, String dflt, String where) {
    if (!o.has(key)) {
      return dflt;
    }
    JsonElement e = o.get(key);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new IllegalArgumentException(where + ": '" + key + "' must be a string, got " + e);
    }
    return e.getAsString();
  }

  private static int integer(JsonObject o, String key, int dflt, int min, String where) {
    if (!o.has(key)) {
      return dflt;
    }
    JsonElement e = o.get(key);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber() || e.getAsDouble() != Math.rint(e.getAsDouble())
        || e.getAsDouble() < min || e.getAsDouble() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(where + ": '" + key + "' must be an integer >= " + min + ", got " + e);
    }
    return e.getAsInt();
  }
}
