package dev.vaelab.lab.run;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vaelab.core.io.AtomicFiles;
import dev.vaelab.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The mark of a folder vaelab owns: a small JSON file written first, atomically, when a run folder
 * ({@value #RUN_FILE}) or an exported model ({@value #EXPORT_FILE}) is created. It holds the
 * format version and the run's identity (a random id, the model, the time it was created); an
 * export's mark names the run it came from. {@code --overwrite} clears a folder only when it
 * carries a run's mark (or, for folders of older versions, the full set of a run's files — see
 * {@link RunContents#isLegacyRun}), and then only the run's own files.
 *
 * @param kind {@code run} or {@code export}
 * @param version format version ({@value #VERSION})
 * @param id the run's identity (for an export: the identity of the run exported, or "" for a run of an older version)
 * @param model the model family's name
 * @param created when the folder was created (ISO-8601)
 * @param source for an export, the run folder it was exported from (absolute); "" for a run
 */
public record RunManifest(String kind, int version, String id, String model, String created, String source) {
  /** The mark of a run folder. */
  public static final String RUN_FILE = "vaelab-run.json";
  /** The mark of an exported model's folder. */
  public static final String EXPORT_FILE = "vaelab-export.json";
  /** The format version written. */
  public static final int VERSION = 1;

  /** A new run's mark. */
  public static RunManifest newRun(String model) {
    return new RunManifest("run", VERSION, UUID.randomUUID().toString(), model, Instant.now().toString(), "");
  }

  /** The mark of an export of the run in {@code runDir} (whose own mark may be absent: a run of an older version). */
  public static RunManifest newExport(Path runDir, String model) {
    String id = readRun(runDir).map(RunManifest::id).orElse("");
    return new RunManifest("export", VERSION, id, model, Instant.now().toString(), runDir.toAbsolutePath().normalize().toString());
  }

  /** The file this mark is written to. */
  public String fileName() {
    return kind.equals("run") ? RUN_FILE : EXPORT_FILE;
  }

  /** Writes the mark into {@code dir}, atomically (a reader sees the whole file or none). */
  public void write(Path dir) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", "vaelab-" + kind);
    m.put("version", version);
    m.put("id", id);
    m.put("model", model);
    m.put("created", created);
    if (!source.isEmpty()) {
      m.put("source", source);
    }
    AtomicFiles.writeString(dir.resolve(fileName()), Json.write(m) + "\n");
  }

  /** The run mark of {@code dir}, if it has a valid one. */
  public static Optional<RunManifest> readRun(Path dir) {
    return read(dir.resolve(RUN_FILE), "run");
  }

  /** The export mark of {@code dir}, if it has a valid one. */
  public static Optional<RunManifest> readExport(Path dir) {
    return read(dir.resolve(EXPORT_FILE), "export");
  }

  private static Optional<RunManifest> read(Path file, String kind) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonElement e = Json.readTree(file);
      if (!e.isJsonObject()) {
        return Optional.empty();
      }
      JsonObject o = e.getAsJsonObject();
      if (!o.has("format") || !("vaelab-" + kind).equals(o.get("format").getAsString()) || !o.has("version")
          || !o.has("id") || !o.has("model")) {
        return Optional.empty();
      }
      return Optional.of(new RunManifest(kind, o.get("version").getAsInt(), o.get("id").getAsString(), o.get("model").getAsString(),
          o.has("created") ? o.get("created").getAsString() : "", o.has("source") ? o.get("source").getAsString() : ""));
    } catch (RuntimeException ex) {
      return Optional.empty();
    }
  }
}
