package dev.vaelab.core.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's one JSON stack: Gson, configured once. Metrics, summaries, configurations and
 * results are written and read through it. Non-finite numbers are written as {@code null}, as JSON
 * has no NaN; maps keep their iteration order; whole-valued doubles are written without a
 * fractional part ({@code 3}, not {@code 3.0}).
 */
public final class Json {
  private static final TypeAdapter<Number> FINITE_OR_NULL =
      new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Number value) throws IOException {
          if (value == null) {
            out.nullValue();
            return;
          }
          double d = value.doubleValue();
          if (!Double.isFinite(d)) {
            out.nullValue();
          } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.value((long) d);
          } else {
            out.value(d);
          }
        }

        @Override
        public Number read(JsonReader in) throws IOException {
          if (in.peek() == com.google.gson.stream.JsonToken.NULL) {
            in.nextNull();
            return Double.NaN;
          }
          return in.nextDouble();
        }
      };

  private static GsonBuilder builder() {
    return new GsonBuilder()
        .disableHtmlEscaping()
        .serializeNulls()
        .registerTypeAdapter(Double.class, FINITE_OR_NULL)
        .registerTypeAdapter(double.class, FINITE_OR_NULL)
        .registerTypeAdapter(Float.class, FINITE_OR_NULL)
        .registerTypeAdapter(float.class, FINITE_OR_NULL);
  }

  private static final Gson PRETTY = builder().setPrettyPrinting().create();
  private static final Gson LINE = builder().create();

  private Json() {}

  /** Indented JSON text of a value (maps, lists, arrays, records, numbers, strings, booleans, null). */
  public static String write(Object value) {
    return PRETTY.toJson(value);
  }

  /** Single-line JSON text. */
  public static String writeLine(Object value) {
    return LINE.toJson(value);
  }

  /** Writes {@code value} as indented JSON to {@code file}, atomically (see {@link AtomicFiles}). */
  public static void writeFile(Path file, Object value) {
    AtomicFiles.writeString(file, write(value) + "\n");
  }

  /**
   * Parses a JSON file into a tree.
   *
   * @throws IllegalArgumentException naming the file when it is not valid JSON
   */
  public static JsonElement readTree(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses JSON text into a tree.
   *
   * @param source what the text is, for messages
   */
  public static JsonElement parse(String text, String source) {
    try {
      JsonElement e = JsonParser.parseString(text);
      if (e == null || e.isJsonNull()) {
        throw new IllegalArgumentException(source + " is empty");
      }
      return e;
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(source + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Parses {@code text} strictly: standard JSON only (no comments, no unquoted names, no NaN), and a
   * key given twice in one object is refused, naming it and where it is — instead of the silent
   * last-one-wins of a lenient parse. Numbers keep their exact decimal text (read as {@link
   * java.math.BigDecimal}), so a later range check sees 2^63 as 2^63.
   *
   * @throws IllegalArgumentException naming {@code source} and the problem
   */
  public static JsonElement parseStrict(String text, String source) {
    try (JsonReader r = new JsonReader(new java.io.StringReader(text))) {
      r.setStrictness(com.google.gson.Strictness.STRICT);
      if (r.peek() == com.google.gson.stream.JsonToken.END_DOCUMENT) {
        throw new IllegalArgumentException(source + " is empty");
      }
      JsonElement e = readStrict(r, source, "");
      if (r.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
        throw new IllegalArgumentException(source + " is not valid JSON: more content after the end of the top-level value");
      }
      return e;
    } catch (java.io.EOFException e) {
      throw new IllegalArgumentException(source + " is not valid JSON: it ends too early", e);
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw new IllegalArgumentException(source + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static JsonElement readStrict(JsonReader r, String source, String path) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT -> {
        com.google.gson.JsonObject o = new com.google.gson.JsonObject();
        r.beginObject();
        while (r.hasNext()) {
          String k = r.nextName();
          if (o.has(k)) {
            throw new IllegalArgumentException(source + ": key '" + k + "' is given twice" + (path.isEmpty() ? "" : " in " + path)
                + "; each key once");
          }
          o.add(k, readStrict(r, source, path.isEmpty() ? k : path + "." + k));
        }
        r.endObject();
        return o;
      }
      case BEGIN_ARRAY -> {
        com.google.gson.JsonArray a = new com.google.gson.JsonArray();
        r.beginArray();
        for (int i = 0; r.hasNext(); i++) {
          a.add(readStrict(r, source, path + "[" + i + "]"));
        }
        r.endArray();
        return a;
      }
      case STRING -> {
        return new com.google.gson.JsonPrimitive(r.nextString());
      }
      case NUMBER -> {
        return new com.google.gson.JsonPrimitive(new java.math.BigDecimal(r.nextString()));
      }
      case BOOLEAN -> {
        return new com.google.gson.JsonPrimitive(r.nextBoolean());
      }
      case NULL -> {
        r.nextNull();
        return com.google.gson.JsonNull.INSTANCE;
      }
      default -> throw new IllegalStateException("unexpected " + r.peek() + " at " + r.getPath());
    }
  }

  /** The shared Gson instance (pretty printing, non-finite numbers as null). */
  public static Gson gson() {
    return PRETTY;
  }
}
