package dev.vaelab.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A run folder's model files as bytes, to broadcast to executors that do not share the driver's
 * file system: config.json, the checkpoints, mixture.json and pca.json — not images, TensorBoard
 * events or metrics. Each executor JVM writes them once into a temporary folder
 * ({@link #materialize}) and builds its models from there.
 */
public final class RunFiles implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Largest run shipped (bytes). */
  public static final long MAX_BYTES = 1L << 30;
  private static final Map<String, Path> LOCAL = new HashMap<>();

  private final String key;
  private final TreeMap<String, byte[]> files;

  private RunFiles(String key, TreeMap<String, byte[]> files) {
    this.key = key;
    this.files = files;
  }

  /** Reads the model files of the run in {@code dir}. */
  public static RunFiles of(Path dir) {
    if (!Files.isRegularFile(dir.resolve("config.json"))) {
      throw new IllegalArgumentException("--run " + dir + " is not a run folder (it has no config.json)");
    }
    TreeMap<String, byte[]> files = new TreeMap<>();
    long total = 0;
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (!shipped(rel)) {
          continue;
        }
        byte[] b = Files.readAllBytes(p);
        total += b.length;
        if (total > MAX_BYTES) {
          throw new IllegalArgumentException("the model files of " + dir + " exceed " + MAX_BYTES + " bytes; put the run on a file system the executors share");
        }
        files.put(rel, b);
      }
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (var e : files.entrySet()) {
        md.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        md.update(e.getValue());
      }
      return new RunFiles(HexFormat.of().formatHex(md.digest()).substring(0, 16), files);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run folder " + dir + ": " + e.getMessage(), e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether a file of the run (path relative to it) is part of the model. */
  static boolean shipped(String rel) {
    if (rel.startsWith("checkpoint/")) {
      return true;
    }
    return List.of("config.json", "mixture.json", "pca.json").contains(rel);
  }

  /** The files' relative paths. */
  public java.util.Set<String> names() {
    return files.keySet();
  }

  /** The run folder in this JVM: written once per JVM into a temporary folder (deleted at exit). */
  public Path materialize() {
    synchronized (LOCAL) {
      Path there = LOCAL.get(key);
      if (there != null) {
        return there;
      }
      try {
        Path dir = Files.createTempDirectory("vaelab-run-" + key);
        for (var e : files.entrySet()) {
          Path f = dir.resolve(e.getKey());
          Files.createDirectories(f.getParent());
          Files.write(f, e.getValue());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
        LOCAL.put(key, dir);
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the run's files to a temporary folder: " + e.getMessage(), e);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // best effort at exit
    }
  }
}
