package dev.vaelab.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that a crash or a kill at any moment leaves either the old complete file or
 * the new complete file, never a partial one: the content goes to a temporary file in the same
 * folder, is forced to disk, and is then renamed over the target. Files and folders are created
 * with the permissions the process's umask gives (not the 0600/0700 of Java's temp-file helpers).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes the content to a stream. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** Writes text (UTF-8) atomically. */
  public static void writeString(Path target, String text) {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes the content produced by {@code writer} atomically. */
  public static void write(Path target, Writer writer) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = createTemporaryFile(dir, "." + target.getFileName());
      try {
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
            OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
          writer.write(out);
          out.flush();
          ch.force(true);
        }
        moveAtomically(tmp, target);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  /**
   * A new empty hidden file {@code prefix-NNNN.tmp} in {@code dir}. Unlike {@link
   * Files#createTempFile}, which always creates mode 0600, the file gets the process's umask, so
   * that result files in a shared run folder are readable by whoever the user's umask allows.
   */
  public static Path createTemporaryFile(Path dir, String prefix) throws IOException {
    return createUnique(dir, prefix + "-", ".tmp", Files::createFile);
  }

  /** As {@link #createTemporaryFile}, for a folder (mode from the umask, not 0700). */
  public static Path createTemporaryDirectory(Path dir, String prefix) throws IOException {
    return createUnique(dir, prefix, "", Files::createDirectory);
  }

  /** How a new file or folder is made. */
  private interface Creator {
    Path create(Path p, java.nio.file.attribute.FileAttribute<?>... attributes) throws IOException;
  }

  private static Path createUnique(Path dir, String prefix, String suffix, Creator creator) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path p = dir.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36) + suffix);
      try {
        return creator.create(p);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  /** Deletes a file or a folder with everything in it (nothing if it does not exist). */
  public static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (java.util.stream.Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }

  /** Renames {@code from} to {@code to}, replacing it, atomically where the file system can. */
  public static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
