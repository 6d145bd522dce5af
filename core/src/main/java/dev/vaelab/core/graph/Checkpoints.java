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
    return save(session, dir, epoch, java.util.Map.of());
  }

  /**
   * Saves the session's variables as checkpoint {@code epoch} together with small text files
   * ({@code extras}: file name → content, e.g. the run's configuration and metrics up to this
   * epoch), all inside the same atomically renamed folder, so that they always agree with the
   * variables; returns the checkpoint folder.
   */
  public static Path save(Session session, Path dir, long epoch, java.util.Map<String, String> extras) {
    String name = String.format("epoch-%06d", epoch);
    try {
      Files.createDirectories(dir);
      Path tmp = AtomicFiles.createTemporaryDirectory(dir, ".tmp-" + name + "-");
      // Session.save feeds the file name as a small TString it does not close (one per save).
      session.save(tmp.resolve(PREFIX).toAbsolutePath().toString());
      for (java.util.Map.Entry<String, String> e : extras.entrySet()) {
        if (e.getKey().startsWith(PREFIX + ".") || e.getKey().contains("/")) {
          throw new IllegalArgumentException("checkpoint extra file name '" + e.getKey() + "' is reserved or not a plain name");
        }
        Files.writeString(tmp.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
      }
      Path target = dir.resolve(name);
      if (Files.exists(target)) {
        AtomicFiles.deleteRecursively(target);
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
    return restoreNewestUsable(session, dir, w -> System.err.println("warning: " + w));
  }

  /**
   * Restores the newest <em>usable</em> checkpoint: the one {@code LATEST} names, or — when its
   * files are missing or corrupt — the next older complete one, with a warning to {@code warn}
   * that names the unusable checkpoint and why.
   *
   * @return the checkpoint folder restored
   * @throws IllegalArgumentException when {@code dir} holds no checkpoint
   * @throws IllegalStateException when none restores, naming every folder tried and its error
   */
  public static Path restoreNewestUsable(Session session, Path dir, java.util.function.Consumer<String> warn) {
    List<Path> candidates = candidates(dir);
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no checkpoint found in " + dir);
    }
    List<String> failures = new ArrayList<>();
    Path firstTried = candidates.get(0);
    for (Path c : candidates) {
      String problem = problemWith(c);
      if (problem == null) {
        try {
          session.restore(c.resolve(PREFIX).toAbsolutePath().toString());
          if (!failures.isEmpty()) {
            // LATEST may name an older folder than one on disk (a kill between the rename and the pointer): say which it is
            String which = epochOf(c) < epochOf(firstTried) ? "older" : "newer";
            warn.accept("restored the " + which + " checkpoint " + c + " because " + String.join("; ", failures));
          }
          return c;
        } catch (RuntimeException e) {
          problem = "its variables could not be read (" + firstLine(e.getMessage()) + ")";
        }
      }
      failures.add(c + " is unusable: " + problem);
    }
    throw new IllegalStateException("no usable checkpoint in " + dir + ": " + String.join("; ", failures));
  }

  /** A text file saved with a checkpoint by {@link #save(Session, Path, long, java.util.Map)}, if present. */
  public static Optional<String> readExtra(Path checkpoint, String name) {
    Path f = checkpoint.resolve(name);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(f, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }

  /**
   * The checkpoint folders of {@code dir}, the one {@code LATEST} names first, then the others newest
   * first (empty when there is none); whether they are complete is judged when restoring.
   */
  public static List<Path> candidates(Path dir) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    Path pointer = dir.resolve(LATEST);
    if (Files.isRegularFile(pointer)) {
      try {
        String name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
        if (name.matches("epoch-\\d{6}") && Files.isDirectory(dir.resolve(name))) {
          out.add(dir.resolve(name));
        }
      } catch (IOException e) {
        // an unreadable pointer: fall back to the folders themselves
      }
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().matches("epoch-\\d{6}") && Files.isDirectory(p))
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
          .filter(p -> !out.contains(p))
          .forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return out;
  }

  /** Why a checkpoint folder cannot be restored, judged from its files alone, or null. */
  private static String problemWith(Path c) {
    Path index = c.resolve(PREFIX + ".index");
    if (!Files.isRegularFile(index)) {
      return "its file " + index.getFileName() + " is missing";
    }
    try (Stream<Path> s = Files.list(c)) {
      List<Path> data = s.filter(p -> p.getFileName().toString().startsWith(PREFIX + ".data-")).toList();
      if (data.isEmpty()) {
        return "its variable data file " + PREFIX + ".data-00000-of-00001 is missing";
      }
      for (Path d : data) {
        if (Files.size(d) == 0) {
          return "its file " + d.getFileName() + " is empty";
        }
      }
    } catch (IOException e) {
      return "it cannot be listed (" + e.getMessage() + ")";
    }
    return null;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no message";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
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
                AtomicFiles.deleteRecursively(p);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          });
    }
    complete.sort(Comparator.comparing(p -> p.getFileName().toString()));
    for (int i = 0; i < complete.size() - KEEP; i++) {
      if (!complete.get(i).getFileName().toString().equals(newest)) {
        AtomicFiles.deleteRecursively(complete.get(i));
      }
    }
  }

}
