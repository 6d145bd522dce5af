package dev.vaelab.examples;

import dev.vaelab.lab.run.Summary;
import dev.vaelab.lab.Lab;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vaelab.core.io.AtomicFiles;
import dev.vaelab.core.io.Json;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vaelab compare}: trains every variant of an {@link Experiment} for every seed into {@code
 * OUT/runs/VARIANT-sSEED/}, then writes the report ({@link CompareReport}). A run folder already
 * there is reused only when its config.json equals the requested settings (canonical JSON): a
 * finished one as it is, an unfinished one is continued; a run with other settings is trained
 * again from scratch, and so is a run whose data changed since it read them (its recorded
 * fingerprint). So a killed comparison resumes, and a changed experiment or changed data never
 * reports old numbers.
 */
public final class CompareRun {
  /** One finished run. */
  public record Run(String variant, long seed, Path dir, RunSpec spec, Summary summary) {}

  /** What the comparison produced. */
  public record Result(Path outDir, List<Run> runs, int trained, int reused) {}

  private CompareRun() {}

  public static Result run(Experiment e, Path out, PrintStream log) {
    return run(e, out, SampleMetrics.NONE, log);
  }

  /**
   * The sample-quality metrics a comparison adds to every run that draws samples ({@code compare --metrics fd,kid,pr
   * --samples N}); they cost a minute or more per run, so they are asked for.
   *
   * @param metrics some of {@code fd,kid,pr} ("" none)
   * @param samples rows of each set
   */
  public record SampleMetrics(String metrics, int samples) {
    /** None. */
    public static final SampleMetrics NONE = new SampleMetrics("", dev.vaelab.lab.score.SampleScores.DEFAULT_SAMPLES);

    public SampleMetrics {
      java.util.List<String> all = dev.vaelab.lab.score.MetricNames.parse(metrics);
      if (!dev.vaelab.lab.score.MetricNames.representation(all).isEmpty()) {
        throw new IllegalArgumentException("--metrics: compare always computes the representation metrics " + dev.vaelab.lab.score.RepresentationScores.NAMES
            + "; name the sample-quality ones " + dev.vaelab.lab.score.SampleScores.NAMES + " or the disentanglement ones "
            + dev.vaelab.metrics.Disentanglement.NAMES + " to add, got '" + metrics + "'");
      }
      java.util.List<String> ordered = new java.util.ArrayList<>(dev.vaelab.lab.score.MetricNames.sample(all));
      ordered.addAll(dev.vaelab.lab.score.MetricNames.disentanglement(all)); // the order Lab.sampleQuality records them in
      metrics = String.join(",", ordered);
      if (samples < 4) {
        throw new IllegalArgumentException("--samples must be >= 4, got " + samples);
      }
    }
  }

  /** As {@link #run(Experiment, Path, PrintStream)}, with the sample-quality metrics {@code sampleMetrics} of every run. */
  public static Result run(Experiment e, Path out, SampleMetrics sampleMetrics, PrintStream log) {
    if (Files.isDirectory(out) && RunFolder.isRun(out)) {
      throw new IllegalArgumentException("--out " + out + " is a run folder; a comparison writes its report and runs into a folder of its own");
    }
    // one comparison writes a report folder at a time (a second one started on it is refused at once); reusing its runs is the point
    try (dev.vaelab.lab.run.OutputClaim claim = dev.vaelab.lab.run.OutputClaim.claim(out, "--out", true, null, true)) {
      return runClaimed(e, out, sampleMetrics, log);
    }
  }

  private static Result runClaimed(Experiment e, Path out, SampleMetrics sampleMetrics, PrintStream log) {
    AtomicFiles.writeString(out.resolve("experiment.json"), e.toJson() + "\n");
    List<Run> runs = new ArrayList<>();
    int trained = 0;
    int reused = 0;
    for (Experiment.Variant v : e.variants()) {
      for (long seed : e.seeds()) {
        Path dir = out.resolve("runs").resolve(v.name() + "-s" + seed);
        RunSpec spec = e.runSpec(v, seed);
        RunSpec existing = storedSpec(dir);
        boolean same = existing != null && existing.asRequested().toJson().equals(spec.asRequested().toJson());
        String dataChange = same ? dataChange(existing) : null;
        if (dataChange != null) {
          log.printf("== %s seed %d: the data of the run in %s %s; training it again%n", v.name(), seed, dir, dataChange);
          same = false;
          existing = null;
        }
        if (same && Files.isRegularFile(dir.resolve(RunFolder.SUMMARY))) {
          log.printf("%s seed %d: already done with the same settings, not retrained (%s)%n", v.name(), seed, dir);
          reused++;
        } else if (same && spec.family().trainedByGradient()) {
          log.printf("== %s seed %d: continuing the unfinished run%n", v.name(), seed);
          Lab.resume(dir, null, log);
          trained++;
        } else {
          if (existing != null) {
            log.printf("== %s seed %d: the run in %s has other settings (%s); training it again%n", v.name(), seed, dir,
                String.join("; ", spec.asRequested().differences(existing.asRequested(), java.util.Set.of())));
          } else {
            log.printf("== %s seed %d%n", v.name(), seed);
          }
          Lab.train(spec, dir, true, log);
          trained++;
        }
        Summary summary = readSummary(dir.resolve(RunFolder.SUMMARY));
        Map<String, Object> merged = new java.util.LinkedHashMap<>(summary.toMap());
        merged.putAll(representation(dir, seed, log));
        merged.putAll(sampleQuality(dir, seed, sampleMetrics, log));
        runs.add(new Run(v.name(), seed, dir, spec, Summary.of(merged)));
      }
    }
    CompareReport.write(e, runs, out);
    log.println("report: " + out.resolve("report.md") + ", " + out.resolve("report.html") + ", " + out.resolve("results.csv"));
    return new Result(out, runs, trained, reused);
  }

  /** The metrics compare adds to every run: cheap, so always asked for. */
  static final String REPRESENTATION = String.join(",", dev.vaelab.lab.score.RepresentationScores.NAMES);

  /**
   * The representation metrics of a run (linear probe, k-NN, k-means NMI/ARI on its encoding), taken from its
   * evaluations.json when an earlier evaluation computed them, else computed now ({@code Lab.representation}, the code of
   * {@code vaelab evaluate --metrics}) and recorded there; none (with a line in the log) for a run without labels or whose encoding is code indices.
   */
  static Map<String, Object> representation(Path dir, long seed, PrintStream log) {
    Map<String, Object> earlier = recordedRepresentation(dir);
    if (earlier != null) {
      return earlier;
    }
    try {
      Map<String, Object> all = Lab.representation(dir, REPRESENTATION, seed, new PrintStream(java.io.OutputStream.nullOutputStream())).toMap();
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      for (String k : dev.vaelab.lab.score.RepresentationScores.RESULT_KEYS) {
        if (all.containsKey(k)) {
          out.put(k, all.get(k));
        }
      }
      return out;
    } catch (IllegalArgumentException e) {
      log.printf("(%s: no representation metrics: %s)%n", dir.getFileName(), e.getMessage());
      return Map.of();
    }
  }

  /**
   * The sample-quality metrics asked for, from the run's evaluations.json when an evaluation with the same metrics,
   * number of rows and seed computed them, else computed now ({@code Lab.sampleQuality}) and recorded; none (with a line in
   * the log) for a run that draws no samples.
   */
  static Map<String, Object> sampleQuality(Path dir, long seed, SampleMetrics m, PrintStream log) {
    if (m.metrics().isEmpty()) {
      return Map.of();
    }
    Map<String, Object> earlier = recordedSampleQuality(dir, m, seed);
    if (earlier != null) {
      return earlier;
    }
    try {
      log.printf("%s: metrics %s%n", dir.getFileName(), m.metrics());
      return Lab.sampleQuality(dir, m.metrics(), m.samples(), seed, log).toMap();
    } catch (IllegalArgumentException e) {
      log.printf("(%s: no sample metrics: %s)%n", dir.getFileName(), e.getMessage());
      return Map.of();
    }
  }

  private static Map<String, Object> recordedSampleQuality(Path dir, SampleMetrics m, long seed) {
    JsonObject results = newestEvaluation(dir, settings -> settings.has("metrics") && settings.get("metrics").getAsString().equals(m.metrics())
        && settings.has("samples") && settings.get("samples").getAsInt() == m.samples() && settings.has("seed")
        && settings.get("seed").getAsLong() == seed && !settings.has("nll_k"));
    return results == null ? null : Json.gson().fromJson(results, new com.google.gson.reflect.TypeToken<Map<String, Object>>() {}.getType());
  }

  /** The representation metrics of the newest evaluation that computed them, or null. */
  private static Map<String, Object> recordedRepresentation(Path dir) {
    JsonObject results = newestEvaluation(dir, settings -> settings.has("metrics") && settings.get("metrics").getAsString().equals(REPRESENTATION));
    if (results == null) {
      return null;
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (String k : dev.vaelab.lab.score.RepresentationScores.RESULT_KEYS) {
      if (results.has(k)) {
        out.put(k, results.get(k).getAsDouble());
      }
    }
    return out;
  }

  /** The results of the newest entry of the run's evaluations.json whose settings match, or null (none, or an unreadable history: compute again). */
  private static JsonObject newestEvaluation(Path dir, java.util.function.Predicate<JsonObject> settingsMatch) {
    Path f = dir.resolve(RunFolder.EVALUATIONS);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      var history = Json.readTree(f).getAsJsonArray();
      for (int i = history.size() - 1; i >= 0; i--) {
        JsonObject entry = history.get(i).getAsJsonObject();
        JsonObject settings = entry.getAsJsonObject("settings");
        if (settings != null && settingsMatch.test(settings)) {
          return entry.getAsJsonObject("results");
        }
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }

  /** What changed in the data a stored run recorded, or null when they are unchanged (or no fingerprint was recorded). */
  private static String dataChange(RunSpec stored) {
    return dev.vaelab.lab.data.DataSource.change(stored.data(), stored.read()).orElse(null);
  }

  /** The settings stored in a run folder, or null when there is none or it cannot be read. */
  private static RunSpec storedSpec(Path dir) {
    Path f = dir.resolve(RunFolder.CONFIG);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      return RunSpec.read(f);
    } catch (RuntimeException ex) {
      return null; // unreadable (e.g. written by an older version): retrain
    }
  }

  static Summary readSummary(Path file) {
    return Summary.read(file);
  }

}
