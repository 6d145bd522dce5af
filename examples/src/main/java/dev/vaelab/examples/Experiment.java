package dev.vaelab.examples;

import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.run.TrainingSettings;
import dev.vaelab.lab.settings.RecordJson;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vaelab.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A comparative experiment: several variants trained on the same data with the same budget and
 * seeds. Read from a JSON file and validated field by field:
 *
 * <pre>
 * {
 *   "data": "embedded", "epochs": 5, "seeds": [0, 1], "nll_k": 1000, "nll_examples": 500,
 *   "train_limit": 0, "test_limit": 0,
 *   "variants": [
 *     {"name": "vae",       "settings": {"model": "gaussian-vae"}},
 *     {"name": "beta-vae",  "settings": {"model": "gaussian-vae", "beta": 4}},
 *     {"name": "iwae-5",    "settings": {"model": "iwae", "k": 5}}
 *   ]
 * }
 * </pre>
 *
 * A variant's {@code settings} are the keys of its model family's config.json (see {@code vaelab
 * train --model NAME --help}; bound through the same typed records, so a setting of another family
 * is rejected); data, epochs, seeds, the limits and the NLL settings come from the experiment.
 *
 * @param settings the shared settings
 * @param seeds one run per variant and seed (distinct)
 * @param variants the variants, in report order
 */
public record Experiment(Shared settings, List<Long> seeds, List<Variant> variants) {

  /**
   * The settings every variant shares.
   *
   * @param data embedded, fmnist, a folder or (gmm only) a CSV file
   * @param epochs epochs for every gradient-trained variant
   * @param nllK importance samples of the test NLL (0 skips it)
   * @param nllExamples test images for the NLL
   * @param trainLimit first N training images (0 = all)
   * @param testLimit first N test images (0 = all)
   */
  public record Shared(String data, int epochs, int nllK, int nllExamples, int trainLimit, int testLimit) {
    public Shared {
      new DataSettings(data, 0, trainLimit, testLimit); // validates, naming the bad value
      TrainingSettings.defaults().with("epochs", epochs).with("nllK", nllK).with("nllExamples", nllExamples);
    }

    static Shared defaults() {
      return new Shared(DataSource.EMBEDDED, 5, TrainingSettings.DEFAULT_NLL_K, TrainingSettings.DEFAULT_NLL_EXAMPLES, 0, 0);
    }
  }

  /** One variant: a unique name and its run settings (seed 0; each run sets its own). */
  public record Variant(String name, RunSpec spec) {}

  /** Keys a variant may not set: the experiment sets them for all. */
  static final Set<String> EXPERIMENT_OWNED = Set.of("data", "seed", "epochs", "nll_k", "nll_examples", "train_limit", "test_limit");

  /** The named variants {@code --variants} offers: name → settings JSON. */
  public static final Map<String, String> STANDARD_VARIANTS = standardVariants();
  /** The variants compared when none are named: the first wave's. */
  public static final List<String> DEFAULT_VARIANTS = List.of("vae", "beta-vae", "iwae-5", "iwae-50", "dreg-5", "vq-ema", "vq-loss", "gmm");

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
    // the continuous-latent variants (B5)
    m.put("vae-mog", "{\"model\": \"gaussian-vae\", \"prior\": \"mog\"}");
    m.put("vae-vamp", "{\"model\": \"gaussian-vae\", \"prior\": \"vamp\"}");
    m.put("cvae", "{\"model\": \"cvae\"}");
    m.put("conv-vae", "{\"model\": \"conv-vae\"}");
    m.put("iwae-5-layers-1", "{\"model\": \"iwae\", \"k\": 5, \"layers\": 1}");
    m.put("iwae-5-layers-2", "{\"model\": \"iwae\", \"k\": 5, \"layers\": 2}");
    m.put("miwae-8x8", "{\"model\": \"iwae\", \"variant\": \"miwae\", \"m\": 8, \"k\": 8}");
    m.put("piwae-8x8", "{\"model\": \"iwae\", \"variant\": \"piwae\", \"m\": 8, \"k\": 8}");
    m.put("ciwae-64", "{\"model\": \"iwae\", \"variant\": \"ciwae\", \"k\": 64, \"ciwae_beta\": 0.5}");
    // the discrete-latent variants (B6)
    m.put("categorical-vae", "{\"model\": \"categorical-vae\"}");
    m.put("categorical-vae-st", "{\"model\": \"categorical-vae\", \"straight_through\": true}");
    m.put("tc-vae-1", "{\"model\": \"tc-vae\", \"beta\": 1}");
    m.put("tc-vae-4", "{\"model\": \"tc-vae\", \"beta\": 4}");
    m.put("tc-vae-8", "{\"model\": \"tc-vae\", \"beta\": 8}");
    m.put("vq-pixelcnn", "{\"model\": \"vq-vae\", \"code_prior\": \"pixelcnn\"}");
    // the posteriors, objectives and hierarchies of the third wave (docs/variants.md)
    m.put("vae-planar", "{\"model\": \"gaussian-vae\", \"posterior\": \"planar\"}");
    m.put("vae-iaf", "{\"model\": \"gaussian-vae\", \"posterior\": \"iaf\"}");
    m.put("vae-layers-2", "{\"model\": \"gaussian-vae\", \"layers\": 2}");
    m.put("ladder-vae", "{\"model\": \"ladder-vae\"}");
    m.put("wae", "{\"model\": \"wae\"}");
    m.put("wae-rbf", "{\"model\": \"wae\", \"kernel\": \"rbf\"}");
    m.put("wae-gaussian", "{\"model\": \"wae\", \"encoder\": \"gaussian\"}");
    m.put("info-vae", "{\"model\": \"info-vae\"}");
    m.put("rae", "{\"model\": \"rae\"}");
    m.put("rae-gp", "{\"model\": \"rae\", \"penalty\": \"gradient\"}");
    return m;
  }

  /** An experiment of named standard variants. */
  public static Experiment standard(List<String> names, Shared shared, List<Long> seeds) {
    JsonObject o = sharedJson(shared, seeds);
    o.add("variants", namedVariants(names));
    return parse(o.toString(), "--variants");
  }

  /** The named standard variants as experiment-file entries. */
  private static JsonArray namedVariants(List<String> names) {
    JsonArray vs = new JsonArray();
    for (String n : names) {
      String settings = STANDARD_VARIANTS.get(n);
      if (settings == null) {
        throw new IllegalArgumentException("unknown variant '" + n + "'; standard variants: " + STANDARD_VARIANTS.keySet());
      }
      JsonObject v = new JsonObject();
      v.addProperty("name", n);
      v.add("settings", Json.parse(settings, "variant " + n));
      vs.add(v);
    }
    return vs;
  }

  /**
   * A β sweep: one Gaussian-VAE variant per β (named {@code beta-B}, the point written p: beta-0p25), otherwise the family's
   * defaults, after the named standard variants {@code names} (possibly none); the report draws the
   * sweep as a curve in the rate–distortion plane.
   */
  public static Experiment betaSweep(List<String> names, List<Double> betas, Shared shared, List<Long> seeds) {
    if (betas.isEmpty()) {
      throw new IllegalArgumentException("--betas needs at least one β");
    }
    JsonObject o = sharedJson(shared, seeds);
    JsonArray vs = namedVariants(names);
    for (double b : betas) {
      if (!(b > 0) || !Double.isFinite(b)) {
        throw new IllegalArgumentException("--betas: every β must be a positive number, got " + b);
      }
      JsonObject v = new JsonObject();
      v.addProperty("name", "beta-" + java.math.BigDecimal.valueOf(b).stripTrailingZeros().toPlainString().replace('.', 'p')); // beta-0p25
      JsonObject s = new JsonObject();
      s.addProperty("model", "gaussian-vae");
      s.addProperty("beta", b);
      v.add("settings", s);
      vs.add(v);
    }
    o.add("variants", vs);
    return parse(o.toString(), "--betas");
  }

  /** Reads and validates an experiment file. */
  public static Experiment read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("experiment file " + file + " does not exist");
    }
    try {
      return parse(Files.readString(file), file.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read experiment file " + file, e);
    }
  }

  /**
   * Parses and validates experiment JSON.
   *
   * @param source name for messages
   * @throws IllegalArgumentException naming the field and what was expected
   */
  public static Experiment parse(String json, String source) {
    JsonElement root = Json.parseStrict(json, source); // a key given twice is refused, not silently the last
    if (!root.isJsonObject()) {
      throw new IllegalArgumentException(source + ": expected a JSON object at the top level");
    }
    JsonObject o = root.getAsJsonObject();
    Set<String> top = new LinkedHashSet<>(RecordJson.keys(Shared.class));
    top.add("seeds");
    top.add("variants");
    JsonObject sharedJson = new JsonObject();
    for (String k : o.keySet()) {
      if (!top.contains(k)) {
        throw new IllegalArgumentException(source + ": unknown field '" + k + "'; expected " + top);
      }
      if (!k.equals("seeds") && !k.equals("variants")) {
        sharedJson.add(k, o.get(k));
      }
    }
    Shared shared = RecordJson.read(Shared.class, Shared.defaults(), sharedJson, source);
    List<Long> seeds = seeds(o, source);
    if (!o.has("variants") || !o.get("variants").isJsonArray() || o.getAsJsonArray("variants").isEmpty()) {
      throw new IllegalArgumentException(source + ": 'variants' must be a non-empty array");
    }
    List<Variant> variants = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int i = 0;
    for (JsonElement ve : o.getAsJsonArray("variants")) {
      String where = source + ": variant " + i++;
      if (!ve.isJsonObject()) {
        throw new IllegalArgumentException(where + " is not an object");
      }
      JsonObject v = ve.getAsJsonObject();
      for (String k : v.keySet()) {
        if (!k.equals("name") && !k.equals("settings")) {
          throw new IllegalArgumentException(where + ": unknown field '" + k + "'; expected name and settings");
        }
      }
      JsonElement nameJson = v.get("name");
      String name = nameJson != null && nameJson.isJsonPrimitive() && nameJson.getAsJsonPrimitive().isString() ? nameJson.getAsString() : null;
      if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
        throw new IllegalArgumentException(where + ": name must match [a-z0-9][a-z0-9-]*, got " + nameJson);
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException(where + ": duplicate variant name '" + name + "'");
      }
      where = where + " ('" + name + "')";
      if (!v.has("settings") || !v.get("settings").isJsonObject()) {
        throw new IllegalArgumentException(where + ": 'settings' must be an object with at least \"model\"");
      }
      JsonObject settings = v.getAsJsonObject("settings").deepCopy();
      for (String k : settings.keySet()) {
        if (EXPERIMENT_OWNED.contains(k)) {
          throw new IllegalArgumentException(where + ": '" + k + "' is set by the experiment, not per variant");
        }
      }
      RunSpec spec = RunSpec.parse(settings, where, null);
      variants.add(new Variant(name, apply(shared, spec)));
    }
    return new Experiment(shared, seeds, List.copyOf(variants));
  }

  private static List<Long> seeds(JsonObject o, String source) {
    if (!o.has("seeds")) {
      return List.of(0L);
    }
    if (!o.get("seeds").isJsonArray() || o.getAsJsonArray("seeds").isEmpty()) {
      throw new IllegalArgumentException(source + ": 'seeds' must be a non-empty array of integers");
    }
    List<Long> seeds = new ArrayList<>();
    for (JsonElement e : o.getAsJsonArray("seeds")) {
      long seed = RecordJson.integral(e, source + ": seed", Long.MIN_VALUE, Long.MAX_VALUE); // 2^63, 1e30 refused, never wrapped
      if (seeds.contains(seed)) {
        throw new IllegalArgumentException(source + ": seed " + seed + " is given twice; each seed is one run per variant");
      }
      seeds.add(seed);
    }
    return List.copyOf(seeds);
  }

  /** A variant's run settings with the experiment's shared settings. */
  private static RunSpec apply(Shared shared, RunSpec spec) {
    RunSpec s = spec.withData(new DataSettings(shared.data(), 0, shared.trainLimit(), shared.testLimit()));
    if (s.training() != null) {
      s = s.withTraining(s.training().with("epochs", shared.epochs()).with("nllK", shared.nllK()).with("nllExamples", shared.nllExamples()));
    }
    return s;
  }

  /** The run settings of a variant for one seed. */
  public RunSpec runSpec(Variant v, long seed) {
    return v.spec().withData(v.spec().data().with("seed", seed));
  }

  /** The top level of an experiment file without its variants: the shared settings and the seeds. */
  private static JsonObject sharedJson(Shared shared, List<Long> seeds) {
    JsonObject o = new JsonObject();
    RecordJson.addTo(o, shared);
    JsonArray s = new JsonArray();
    seeds.forEach(s::add);
    o.add("seeds", s);
    return o;
  }

  /** The experiment as JSON in its file format. */
  public String toJson() {
    JsonObject o = sharedJson(settings, seeds);
    JsonArray vs = new JsonArray();
    for (Variant v : variants) {
      JsonObject vo = new JsonObject();
      vo.addProperty("name", v.name());
      JsonObject settingsJson = Json.parse(v.spec().toJson(), v.name()).getAsJsonObject();
      EXPERIMENT_OWNED.forEach(settingsJson::remove);
      vo.add("settings", settingsJson);
      vs.add(vo);
    }
    o.add("variants", vs);
    return Json.write(o);
  }
}
