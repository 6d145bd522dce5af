package dev.vaelab.core.graph;

import dev.vaelab.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.tensorflow.Session;

/**
 * Crash-safe checkpoints of a session's variables in a folder:
 *
 * <pre>
 *   dir/epoch-000007/model.index, model.data-00000-of-00001   complete checkpoints
 *   dir/LATEST                                                 name of the newest complete one
 * </pre>
 *
 * A checkpoint is written into a hidden temporary folder, renamed into place, and only then is
 * {@code LATEST} replaced (atomically). A kill at any moment leaves {@code LATEST} naming a
 * complete checkpoint. The two newest checkpoints are kept.
 */
public final class Checkpoints {
  /** File naming the newest complete checkpoint. */
  public static final String LATEST = "LATEST";
  /** Variable-file prefix inside a checkpoint folder. */
  public static final String PREFIX = "model";
  /** Complete checkpoints kept. */
  public static final int KEEP = 2;

  private Checkpoints() {}

  /** Saves the session's variables as checkpoint {@code epoch}; returns its folder. */
  public static Path save(Session session, Path dir, long epoch) {
    String name = String.format("epoch-%06d", epoch);
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempDirectory(dir, ".tmp-" + name + "-");
      // Session.save feeds the file name as a small TString it does not close (one per save).
      session.save(tmp.resolve(PREFIX).toAbsolutePath().toString());
      Path target = dir.resolve(name);
      if (Files.exists(target)) {
        deleteTree(target);
      }
      Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      AtomicFiles.writeString(dir.resolve(LATEST), name + "\n");
      prune(dir, name);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save checkpoint into " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The newest complete checkpoint folder in {@code dir}, if any. */
  public static Optional<Path> latest(Path dir) {
    Path pointer = dir.resolve(LATEST);
    if (!Files.isRegularFile(pointer)) {
      return Optional.empty();
    }
    try {
      String name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
      Path p = dir.resolve(name);
      if (!name.matches("epoch-\\d{6}") || !Files.isRegularFile(p.resolve(PREFIX + ".index"))) {
        throw new IllegalStateException(
            "checkpoint pointer " + pointer + " names '" + name + "', which is not a complete checkpoint");
      }
      return Optional.of(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pointer, e);
    }
  }

  /** The epoch number of a checkpoint folder made by {@link #save}. */
  public static long epochOf(Path checkpoint) {
    return Long.parseLong(checkpoint.getFileName().toString().substring("epoch-".length()));
  }

  /**
   * Restores the newest checkpoint in {@code dir} into the session (whose graph must have been
   * built with the same variable names; optimizer variables may be absent).
   *
   * @return the checkpoint folder restored
   */
  public static Path restoreLatest(Session session, Path dir) {
    Path ckpt =
        latest(dir).orElseThrow(() -> new IllegalArgumentException("no checkpoint found in " + dir));
    session.restore(ckpt.resolve(PREFIX).toAbsolutePath().toString());
    return ckpt;
  }

  private static void prune(Path dir, String newest) throws IOException {
    List<Path> complete = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(
          p -> {
            String n = p.getFileName().toString();
            if (n.matches("epoch-\\d{6}")) {
              complete.add(p);
            } else if (n.startsWith(".tmp-")) {
              try {
                deleteTree(p);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          });
    }
    complete.sort(Comparator.comparing(p -> p.getFileName().toString()));
    for (int i = 0; i < complete.size() - KEEP; i++) {
      if (!complete.get(i).getFileName().toString().equals(newest)) {
        deleteTree(complete.get(i));
      }
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }
}
