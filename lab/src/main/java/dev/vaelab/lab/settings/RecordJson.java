package dev.vaelab.lab.settings;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a typed settings record to JSON and back, with snake_case keys ({@code learningRate} ↔
 * {@code learning_rate}), as config.json and summary.json use. Reading is strict: an unknown key,
 * a value of the wrong type or a value the record's own validation refuses is an {@link
 * IllegalArgumentException} naming the key, the value and the file. Keys that are absent take the
 * given defaults.
 *
 * <p>Supported component types: {@code int}, {@code long}, {@code double}, {@code boolean}, {@code
 * String} (nullable), {@code long[]} and {@link Choice} enums (written by their ids).
 */
public final class RecordJson {
  private RecordJson() {}

  /** {@code learningRate} → {@code learning_rate}. */
  public static String snake(String camel) {
    StringBuilder sb = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        sb.append('_').append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The JSON keys of a record type, in component order. */
  public static List<String> keys(Class<? extends Record> type) {
    List<String> out = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      out.add(snake(c.getName()));
    }
    return out;
  }

  /** The record's values by snake_case key, in component order. */
  public static Map<String, Object> toMap(Record r) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      Object v = Records.value(r, c);
      m.put(snake(c.getName()), v != null && Choice.isChoice(v.getClass()) ? Choice.idOf(v) : v);
    }
    return m;
  }

  /** Adds the record's values to a JSON object. */
  public static void addTo(JsonObject o, Record r) {
    for (Map.Entry<String, Object> e : toMap(r).entrySet()) {
      o.add(e.getKey(), toJson(e.getValue()));
    }
  }

  /**
   * Reads the record's keys from {@code o}; absent keys take {@code defaults}' values.
   *
   * @param source where the JSON came from, for messages (a file, "variant 'vae'")
   */
  public static <R extends Record> R read(Class<R> type, R defaults, JsonObject o, String source) {
    RecordComponent[] cs = type.getRecordComponents();
    Object[] args = new Object[cs.length];
    for (int i = 0; i < cs.length; i++) {
      RecordComponent c = cs[i];
      String key = snake(c.getName());
      args[i] = o.has(key) ? convert(o.get(key), c.getType(), key, source) : Records.value(defaults, c);
    }
    return Records.construct(type, args, source);
  }

  private static JsonElement toJson(Object v) {
    if (v == null) {
      return com.google.gson.JsonNull.INSTANCE;
    }
    if (v instanceof long[] a) {
      JsonArray arr = new JsonArray();
      for (long x : a) {
        arr.add(x);
      }
      return arr;
    }
    if (v instanceof Number n) {
      return new JsonPrimitive(n);
    }
    if (v instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    if (Choice.isChoice(v.getClass())) {
      return new JsonPrimitive(Choice.idOf(v));
    }
    return new JsonPrimitive(v.toString());
  }

  private static Object convert(JsonElement e, Class<?> t, String key, String source) {
    String where = source + ": setting '" + key + "'";
    if (t == String.class) {
      if (e.isJsonNull()) {
        return null;
      }
      if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
        return e.getAsString();
      }
      throw new IllegalArgumentException(where + " must be a string, got " + e);
    }
    if (Choice.isChoice(t)) {
      if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
        try {
          return Choice.parseAny(t, key, e.getAsString());
        } catch (IllegalArgumentException bad) {
          throw new IllegalArgumentException(source + ": " + bad.getMessage(), bad);
        }
      }
      throw new IllegalArgumentException(where + " must be a string, got " + e);
    }
    if (t == boolean.class) {
      if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
        return e.getAsBoolean();
      }
      throw new IllegalArgumentException(where + " must be true or false, got " + e);
    }
    if (t == long[].class) {
      if (!e.isJsonArray()) {
        throw new IllegalArgumentException(where + " must be an array of integers, got " + e);
      }
      JsonArray a = e.getAsJsonArray();
      long[] out = new long[a.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = integral(a.get(i), where, Long.MIN_VALUE, Long.MAX_VALUE);
      }
      return out;
    }
    if (t == int.class) {
      return (int) integral(e, where, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (t == long.class) {
      return integral(e, where, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (t == double.class) {
      if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
        return e.getAsDouble();
      }
      throw new IllegalArgumentException(where + " must be a number, got " + e);
    }
    throw new IllegalStateException("unsupported settings type " + t + " for '" + key + "'");
  }

  /**
   * The whole number {@code e} holds, exactly: its decimal text is read as a {@link
   * java.math.BigDecimal}, so 2^63 or 1e30 is refused rather than wrapped (a double would round both to
   * a value that fits), and 2.0 is accepted as 2.
   *
   * @param where the key and its source, for the message
   * @throws IllegalArgumentException naming {@code where}, the value and the range
   */
  public static long integral(JsonElement e, String where, long min, long max) {
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
      java.math.BigDecimal d;
      try {
        d = new java.math.BigDecimal(e.getAsJsonPrimitive().getAsString());
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException(where + " must be an integer, got " + e, ex);
      }
      if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
        throw new IllegalArgumentException(where + " must be an integer, got " + e);
      }
      if (d.compareTo(java.math.BigDecimal.valueOf(min)) < 0 || d.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
        throw new IllegalArgumentException(where + " must be an integer in [" + min + ", " + max + "], got " + e);
      }
      return d.longValueExact();
    }
    throw new IllegalArgumentException(where + " must be an integer, got " + e);
  }

}
