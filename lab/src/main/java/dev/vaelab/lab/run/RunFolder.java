package dev.vaelab.lab.run;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import dev.vaelab.core.io.AtomicFiles;
import dev.vaelab.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A run folder and the guarantees around it: a run is marked by its {@link RunManifest}; a new run
 * never lands on an existing one unless {@code --overwrite} says so (and then the old run's own files
 * are deleted, nothing else); a folder that is not a run is never cleared; the process writing a
 * run holds its {@link RunLock}; {@code config.json} is read back through the typed records; test
 * results of {@code evaluate} are appended to a history ({@code evaluations.json}), never
 * overwritten.
 */
public final class RunFolder implements AutoCloseable {
  /** The settings file. */
  public static final String CONFIG = "config.json";
  /** The run's results. */
  public static final String SUMMARY = "summary.json";
  /** Every {@code evaluate} result, oldest first. */
  public static final String EVALUATIONS = "evaluations.json";
  /** The checkpoint folder. */
  public static final String CHECKPOINTS = "checkpoint";
  /** Folder of a run's TensorBoard event files. */
  public static final String TENSORBOARD = "tensorboard";

  private final Path dir;
  private final RunLock lock;

  private RunFolder(Path dir, RunLock lock) {
    this.dir = dir;
    this.lock = lock;
  }

  /** {@code runs/<model>-<yyyyMMdd-HHmmss>}, with a suffix if that exists already: never an existing run. */
  public static Path defaultPath(String model) {
    String base = model + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path p = Path.of("runs", base);
    for (int i = 2; Files.exists(p); i++) {
      p = Path.of("runs", base + "-" + i);
    }
    return p;
  }

  /**
   * Prepares {@code dir} for a new run of {@code model}, locks it and marks it as a run ({@link
   * RunManifest}, written first and atomically). Refused, before any work, when the path is empty or
   * names a file, when the folder already holds a run (unless {@code overwrite}: then the run's own
   * files — {@link RunContents} — are deleted first, and every other file is kept), or when it holds
   * other files and no run (never deleted, {@code --overwrite} or not).
   */
  public static RunFolder create(Path dir, String model, boolean overwrite, Consumer<String> warn) {
    checkPath(dir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create run folder " + dir + ": " + e.getMessage(), e);
    }
    RunLock lock = RunLock.acquire(dir, warn);
    try {
      List<Path> content = RunContents.entries(dir);
      if (!content.isEmpty()) {
        if (!isRun(dir)) {
          throw new IllegalArgumentException("--out " + dir + " is a folder that holds other files (" + names(content)
              + ") and no run (no " + RunManifest.RUN_FILE + "); it is never cleared, --overwrite or not: choose a new or empty folder");
        }
        if (!overwrite) {
          throw new IllegalArgumentException("--out " + dir + " already holds a run" + describe(dir)
              + (resumable(dir) ? "; continue it with 'vaelab train --resume " + dir + "', or replace it with --overwrite"
                  : "; replace it with --overwrite, or choose another --out"));
        }
        List<Path> kept = new java.util.ArrayList<>();
        for (Path p : content) {
          if (!RunContents.isOwn(p.getFileName().toString())) {
            kept.add(p);
            continue;
          }
          try {
            AtomicFiles.deleteRecursively(p);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p + ": " + e.getMessage(), e);
          }
        }
        warn.accept("--overwrite: deleted the earlier run's files in " + dir
            + (kept.isEmpty() ? "" : "; kept " + kept.size() + " other file(s) that are not the run's (" + names(kept) + ")"));
      }
      RunManifest.newRun(model).write(dir);
      return new RunFolder(dir, lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** Opens an existing run to continue it, locked. */
  public static RunFolder resume(Path dir, Consumer<String> warn) {
    requireRun(dir);
    return new RunFolder(dir, RunLock.acquire(dir, warn));
  }

  /** Opens an existing run to read it (evaluate, sample), without the writer's lock. */
  public static RunFolder read(Path dir) {
    requireRun(dir);
    return new RunFolder(dir, null);
  }

  private static void checkPath(Path dir) {
    if (dir == null || dir.toString().isBlank()) {
      throw new IllegalArgumentException("--out must name a folder for the run, got an empty path");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--out " + dir + " is an existing file, expected a folder for the run");
    }
  }

  private static void requireRun(Path dir) {
    if (dir == null || dir.toString().isBlank()) {
      throw new IllegalArgumentException("--run must name a run folder, got an empty path");
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is not a run folder: it does not exist");
    }
    if (!Files.isRegularFile(dir.resolve(CONFIG))) {
      throw new IllegalArgumentException(dir + " is not a run folder: " + CONFIG + " is missing");
    }
    if (!isRun(dir)) {
      RunSpec.read(dir.resolve(CONFIG)); // says what is wrong with the settings, if anything
      throw new IllegalArgumentException(dir + " is not a run folder: it has no " + RunManifest.RUN_FILE
          + " and none of a run's results (metrics.csv, summary.json, checkpoint/)");
    }
  }

  /**
   * Whether {@code dir} holds a run: it carries a run's mark ({@value RunManifest#RUN_FILE}) and a
   * config.json that reads as a run's settings, or — a run of a version before the mark — the full
   * set of a run's files ({@link RunContents#isLegacyRun}). A folder with any other config.json is
   * not a run, and is never cleared.
   */
  public static boolean isRun(Path dir) {
    if (RunManifest.readRun(dir).isPresent()) {
      if (!Files.isRegularFile(dir.resolve(CONFIG))) {
        return true; // marked, killed before its settings were written: still the run's own folder
      }
      try {
        RunSpec.read(dir.resolve(CONFIG));
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    }
    return RunContents.isLegacyRun(dir);
  }

  private static boolean resumable(Path dir) {
    try {
      return RunSpec.read(dir.resolve(CONFIG)).family().trainedByGradient();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String describe(Path dir) {
    try {
      RunSpec s = RunSpec.read(dir.resolve(CONFIG));
      return " (model " + s.family().name() + (Files.exists(dir.resolve(SUMMARY)) ? ", finished" : ", unfinished") + ")";
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static String names(List<Path> content) {
    List<String> n = content.stream().map(p -> p.getFileName().toString()).limit(5).toList();
    return String.join(", ", n) + (content.size() > 5 ? ", ..." : "");
  }


  /** The folder. */
  public Path dir() {
    return dir;
  }

  /** The checkpoint folder. */
  public Path checkpoints() {
    return dir.resolve(CHECKPOINTS);
  }

  /** A file of the run. */
  public Path file(String name) {
    return dir.resolve(name);
  }

  /** The run's settings, read through the typed records. */
  public RunSpec spec() {
    return RunSpec.read(dir.resolve(CONFIG));
  }

  /** Writes config.json (atomically). */
  public void writeSpec(RunSpec spec) {
    AtomicFiles.writeString(dir.resolve(CONFIG), spec.toJson() + "\n");
  }

  /** Writes summary.json (atomically). */
  public void writeSummary(Map<String, Object> summary) {
    Json.writeFile(dir.resolve(SUMMARY), summary);
  }

  /** Whether the run finished (summary.json written). */
  public boolean finished() {
    return Files.isRegularFile(dir.resolve(SUMMARY));
  }

  /**
   * Appends one evaluation — its settings, the time and its results — to {@code evaluations.json};
   * earlier entries are kept. Concurrent evaluations of one run are serialised by a lock file.
   */
  public void recordEvaluation(Map<String, Object> settings, Map<String, Object> results) {
    synchronized (RunFolder.class) { // file locks exclude other processes; this excludes other threads here
      appendEvaluation(settings, results);
    }
  }

  private void appendEvaluation(Map<String, Object> settings, Map<String, Object> results) {
    Path file = dir.resolve(EVALUATIONS);
    try (FileChannel ch = FileChannel.open(dir.resolve(".evaluations.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = ch.lock()) {
      JsonArray history = new JsonArray();
      if (Files.isRegularFile(file)) {
        JsonElement e = Json.readTree(file);
        if (!e.isJsonArray()) {
          throw new IllegalStateException(file + " is not a JSON array of evaluations");
        }
        history = e.getAsJsonArray();
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("time", Instant.now().toString());
      entry.put("settings", settings);
      entry.put("results", results);
      history.add(Json.gson().toJsonTree(entry));
      AtomicFiles.writeString(file, Json.write(history) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the evaluation in " + file + ": " + e.getMessage(), e);
    }
  }

  /** Releases the lock, if this folder holds it. */
  @Override
  public void close() {
    if (lock != null) {
      lock.close();
    }
  }
}
