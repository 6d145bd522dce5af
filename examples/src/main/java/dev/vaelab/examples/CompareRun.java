package dev.vaelab.examples;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vaelab.core.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vaelab compare}: trains every variant of an {@link Experiment} for every seed into
 * {@code OUT/runs/VARIANT-sSEED/} (a run whose {@code summary.json} exists is complete and is not
 * trained again, so a killed comparison resumes), then writes the report ({@link CompareReport}).
 */
public final class CompareRun {
  /** One finished run. */
  public record Run(String variant, long seed, Path dir, Map<String, Object> summary) {}

  /** What the comparison produced. */
  public record Result(Path outDir, List<Run> runs, int trained, int reused) {}

  private CompareRun() {}

  public static Result run(Experiment e, Path out, PrintStream log) {
    AtomicFiles.writeString(out.resolve("experiment.json"), experimentJson(e));
    List<Run> runs = new ArrayList<>();
    int trained = 0;
    int reused = 0;
    for (Experiment.Variant v : e.variants()) {
      for (long seed : e.seeds()) {
        Path dir = out.resolve("runs").resolve(v.name() + "-s" + seed);
        Path summary = dir.resolve("summary.json");
        if (Files.isRegularFile(summary)) {
          log.printf("%s seed %d: already done, not retrained (%s)%n", v.name(), seed, dir);
          reused++;
        } else {
          log.printf("== %s seed %d%n", v.name(), seed);
          RunConfig c = copy(v.settings());
          c.seed = seed;
          if ("gmm".equals(c.model)) {
            GmmRun.run(c, dir, log);
          } else {
            TrainRun.run(c, dir, log);
          }
          trained++;
        }
        runs.add(new Run(v.name(), seed, dir, readSummary(summary)));
      }
    }
    CompareReport.write(e, runs, out);
    log.println("report: " + out.resolve("report.md") + ", " + out.resolve("report.html") + ", " + out.resolve("results.csv"));
    return new Result(out, runs, trained, reused);
  }

  static Map<String, Object> readSummary(Path file) {
    try {
      JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> en : o.entrySet()) {
        JsonElement v = en.getValue();
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
          m.put(en.getKey(), v.getAsDouble());
        } else if (v.isJsonPrimitive()) {
          m.put(en.getKey(), v.getAsJsonPrimitive().isBoolean() ? (Object) v.getAsBoolean() : v.getAsString());
        } else {
          m.put(en.getKey(), v.toString());
        }
      }
      return m;
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read " + file, ex);
    }
  }

  private static RunConfig copy(RunConfig c) {
    com.google.gson.Gson g = new com.google.gson.Gson();
    return g.fromJson(g.toJson(c), RunConfig.class);
  }

  private static String experimentJson(Experiment e) {
    com.google.gson.Gson g = new com.google.gson.GsonBuilder().setPrettyPrinting().create();
    return g.toJson(e) + "\n";
  }
}
