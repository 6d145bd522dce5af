package dev.vaelab.lab.run;

import dev.vaelab.lab.data.DataRecord;
import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.settings.RecordJson;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vaelab.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything that defines a run: the model family, the data settings, the training settings (for
 * families trained by gradient steps) and the family's own options record. Saved as {@code
 * config.json} — one flat JSON object in snake_case holding exactly these settings — and read back
 * through the same records, so a setting of another family can neither be stored nor read.
 *
 * @param family the model family
 * @param data data, seed and limits, as asked for
 * @param read what the run read: the shape of one example and the preprocessing ({@link DataRecord#NONE} before)
 * @param training gradient-training settings; present exactly when the family is trained by gradient steps
 * @param options the family's options record
 */
public record RunSpec(ModelFamily<?> family, DataSettings data, DataRecord read, TrainingSettings training, Record options) {
  /** The key naming the family. */
  public static final String MODEL_KEY = "model";

  public RunSpec {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(read, "read");
    Objects.requireNonNull(options, "options");
    if (family.trainedByGradient() != (training != null)) {
      throw new IllegalArgumentException(family.trainedByGradient()
          ? "model " + family.name() + " needs training settings (epochs, batch size, ...)"
          : "model " + family.name() + " is not trained by gradient steps: it has no epochs, batch size or learning rate");
    }
    if (!family.optionsType().isInstance(options)) {
      throw new IllegalArgumentException("options of model " + family.name() + " must be "
          + family.optionsType().getSimpleName() + ", got " + options.getClass().getSimpleName());
    }
  }

  /** A run not yet read: its data as asked for, nothing recorded of what was read. */
  public RunSpec(ModelFamily<?> family, DataSettings data, TrainingSettings training, Record options) {
    this(family, data, DataRecord.NONE, training, options);
  }

  /** A run of {@code family} with default settings everywhere. */
  public static RunSpec defaults(ModelFamily<?> family) {
    return new RunSpec(family, DataSettings.defaults(), family.trainedByGradient() ? TrainingSettings.defaults() : null, family.defaults());
  }

  /** These settings with other data asked for (nothing read of them yet). */
  public RunSpec withData(DataSettings d) {
    return new RunSpec(family, d, DataRecord.NONE, training, options);
  }

  /** These settings with the record of what was read. */
  public RunSpec withRead(DataRecord r) {
    return new RunSpec(family, data, r, training, options);
  }

  /** The shape of one example of the data read (28×28×1 for a run recorded before shapes were). */
  public dev.vaelab.core.data.ImageShape shape() {
    return read.shape();
  }

  /**
   * The settings as asked for: without what a run records once it has read its data (the data's
   * shape and preprocessing), to compare a stored run with a request.
   */
  public RunSpec asRequested() {
    return withRead(DataRecord.NONE);
  }

  public RunSpec withTraining(TrainingSettings t) {
    return new RunSpec(family, data, read, t, options);
  }

  public RunSpec withOptions(Record o) {
    return new RunSpec(family, data, read, training, o);
  }

  /** Every key config.json may hold for {@code family}, in file order. */
  public static List<String> keys(ModelFamily<?> family) {
    List<String> k = new ArrayList<>();
    k.add(MODEL_KEY);
    k.addAll(RecordJson.keys(DataSettings.class));
    k.addAll(RecordJson.keys(DataRecord.class));
    if (family.trainedByGradient()) {
      k.addAll(RecordJson.keys(TrainingSettings.class));
    }
    k.addAll(RecordJson.keys(family.optionsType()));
    return k;
  }

  /** The settings as one flat, ordered map (the content of config.json). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(MODEL_KEY, family.name());
    m.putAll(RecordJson.toMap(data));
    m.putAll(RecordJson.toMap(read));
    if (training != null) {
      m.putAll(RecordJson.toMap(training));
    }
    m.putAll(RecordJson.toMap(options));
    return m;
  }

  /** config.json text; equal settings give equal text (the canonical form compared by compare). */
  public String toJson() {
    JsonObject o = new JsonObject();
    o.addProperty(MODEL_KEY, family.name());
    RecordJson.addTo(o, data);
    RecordJson.addTo(o, read);
    if (training != null) {
      RecordJson.addTo(o, training);
    }
    RecordJson.addTo(o, options);
    return Json.write(o);
  }

  /** Reads a config.json; every problem is named with the file and the setting. */
  public static RunSpec read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " does not exist");
    }
    JsonElement e = Json.readTree(file);
    if (!e.isJsonObject()) {
      throw new IllegalArgumentException(file + ": expected a JSON object of settings");
    }
    return parse(e.getAsJsonObject(), file.toString(), null);
  }

  /**
   * Binds a flat settings object. Keys absent take the defaults of {@code base} when given (for
   * the same family) or the family's defaults.
   *
   * @param source where the settings come from, for messages
   */
  public static RunSpec parse(JsonObject o, String source, RunSpec base) {
    JsonElement m = o.get(MODEL_KEY);
    if (m == null || !m.isJsonPrimitive() || !m.getAsJsonPrimitive().isString()) {
      throw new IllegalArgumentException(source + ": setting 'model' must name a model family (" + ModelFamilies.names() + ")");
    }
    ModelFamily<?> family;
    try {
      family = ModelFamilies.named(m.getAsString());
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(source + ": " + ex.getMessage(), ex);
    }
    RunSpec start = base != null && base.family() == family ? base : defaults(family);
    Set<String> allowed = new LinkedHashSet<>(keys(family));
    for (String k : o.keySet()) {
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException(source + ": '" + k + "' is not a setting of model " + family.name()
            + "; its settings are " + allowed);
      }
    }
    DataSettings data = RecordJson.read(DataSettings.class, start.data(), o, source);
    DataRecord read = RecordJson.read(DataRecord.class, start.read(), o, source);
    TrainingSettings training =
        family.trainedByGradient() ? RecordJson.read(TrainingSettings.class, start.training(), o, source) : null;
    Record options = readOptions(family, start.options(), o, source);
    return new RunSpec(family, data, read, training, options);
  }

  private static <O extends Record> O readOptions(ModelFamily<O> family, Record start, JsonObject o, String source) {
    return RecordJson.read(family.optionsType(), family.optionsType().cast(start), o, source);
  }

  /**
   * The settings whose values differ from {@code other}'s, as "key: this vs other" lines, ignoring
   * {@code ignored} keys.
   */
  public List<String> differences(RunSpec other, Set<String> ignored) {
    Map<String, Object> a = Json.gson().fromJson(toJson(), LinkedHashMap.class);
    Map<String, Object> b = Json.gson().fromJson(other.toJson(), LinkedHashMap.class);
    Set<String> keys = new LinkedHashSet<>(a.keySet());
    keys.addAll(b.keySet());
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      if (!ignored.contains(k) && !Objects.equals(a.get(k), b.get(k))) {
        out.add(k + " is " + Json.writeLine(a.get(k)) + " here but " + Json.writeLine(b.get(k)));
      }
    }
    return out;
  }
}
