package dev.vaelab.lab.run;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vaelab.core.io.Json;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A run's summary (summary.json) or one evaluation's results, read as typed values: numbers,
 * texts, flags — the entries every family writes ({@code test_elbo}, {@code test_rate}, ...) and the
 * ones only some do ({@code test_nll}, {@code perplexity}, ...). Code that compares runs asks for
 * {@link #number} and never inspects value types; the ordered map is only the JSON edge
 * ({@link #toMap}, {@link #read}).
 */
public final class Summary {
  /** The numbers every gradient-trained family writes. */
  public static final String TEST_ELBO = "test_elbo";
  public static final String TEST_RATE = "test_rate";
  public static final String TEST_DISTORTION = "test_distortion";
  public static final String MODEL = "model";

  private final Map<String, Object> entries;

  private Summary(Map<String, Object> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  /** The entries of a summary map, as they are (an absent value, null, is kept as absent from the typed view). */
  public static Summary of(Map<String, ?> m) {
    return new Summary(new LinkedHashMap<>(m));
  }

  /** A summary.json (numbers as doubles; arrays and objects kept as their JSON text). */
  public static Summary read(Path file) {
    JsonObject o = Json.readTree(file).getAsJsonObject();
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> en : o.entrySet()) {
      JsonElement v = en.getValue();
      if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
        m.put(en.getKey(), v.getAsDouble());
      } else if (v.isJsonPrimitive()) {
        m.put(en.getKey(), v.getAsJsonPrimitive().isBoolean() ? (Object) v.getAsBoolean() : v.getAsString());
      } else if (!v.isJsonNull()) {
        m.put(en.getKey(), v.toString());
      }
    }
    return new Summary(m);
  }

  /** The model family's name. */
  public String model() {
    return text(MODEL).orElseThrow(() -> new IllegalStateException("the summary names no model"));
  }

  /** The test ELBO per example, in nats (every gradient-trained family). */
  public OptionalDouble testElbo() {
    return number(TEST_ELBO);
  }

  /** The test rate KL(enc ‖ pri) per example, in nats. */
  public OptionalDouble testRate() {
    return number(TEST_RATE);
  }

  /** The test distortion −E ln P_dec(y|z) per example, in nats. */
  public OptionalDouble testDistortion() {
    return number(TEST_DISTORTION);
  }

  /** The importance-sampled test NLL −ln p(y), in nats, when it was estimated. */
  public OptionalDouble testNll() {
    return number("test_nll");
  }

  /** The number under {@code key}, if the summary has one there (NaN and infinities included). */
  public OptionalDouble number(String key) {
    return entries.get(key) instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
  }

  /** The finite number under {@code key}, if any. */
  public OptionalDouble finite(String key) {
    OptionalDouble d = number(key);
    return d.isPresent() && Double.isFinite(d.getAsDouble()) ? d : OptionalDouble.empty();
  }

  /** The text under {@code key}, if the summary has one there. */
  public Optional<String> text(String key) {
    return entries.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** Whether the summary has an entry {@code key}. */
  public boolean has(String key) {
    return entries.containsKey(key);
  }

  /** The keys, in file order. */
  public Set<String> keys() {
    return entries.keySet();
  }

  /** The entries in file order: the JSON edge. */
  public Map<String, Object> toMap() {
    return entries;
  }
}
