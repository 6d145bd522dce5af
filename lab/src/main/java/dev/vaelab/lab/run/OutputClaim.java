package dev.vaelab.lab.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claim of one output path (a file, or the folder of an export) by the command about to write
 * it: checked and locked before any work, released when the output is complete. It refuses an
 * existing output unless {@code overwrite}, and a path that is one of a run's own files (the run
 * read from, or any run); while held, a second vaelab process (or thread) claiming the same path is
 * refused at once, so two commands started together never both report writing one output. The
 * lock is an operating-system lock on a hidden file beside the output ({@code .NAME.lock}),
 * removed on release. Writers still write through {@code AtomicFiles} (temporary file, then
 * rename), so a kill leaves the earlier output or the complete new one.
 */
public final class OutputClaim implements AutoCloseable {
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path output;
  private final Path lockFile;
  private final FileChannel channel;
  private final FileLock lock;
  private final Path key;

  private OutputClaim(Path output, Path lockFile, FileChannel channel, FileLock lock, Path key) {
    this.output = output;
    this.lockFile = lockFile;
    this.channel = channel;
    this.lock = lock;
    this.key = key;
  }

  /**
   * Claims {@code out} for writing.
   *
   * @param option the option that named it ({@code --out}), for messages
   * @param overwrite whether an existing output may be replaced
   * @param runDir the run being read, for an output the user named: its own files, and those of any
   *     other run, are refused; null for a file the command names itself
   * @param folder whether the output is a folder (an export) rather than a file
   */
  public static OutputClaim claim(Path out, String option, boolean overwrite, Path runDir, boolean folder) {
    if (out == null || out.toString().isBlank()) {
      throw new IllegalArgumentException(option + " must name " + (folder ? "a folder" : "a file") + ", got an empty path");
    }
    if (runDir != null) {
      RunContents.refuseOwn(runDir, out, option);
    }
    Path abs = out.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    if (runDir != null && parent != null && Files.isDirectory(parent) && RunFolder.isRun(parent) && RunContents.isOwn(abs.getFileName().toString())) {
      throw new IllegalArgumentException(option + " " + out + " is the own " + abs.getFileName() + " of the run in " + parent
          + "; it is never replaced: choose another " + (folder ? "folder" : "file"));
    }
    if (!folder && Files.isDirectory(abs)) {
      throw new IllegalArgumentException(option + " " + out + " is a folder; name a file");
    }
    if (folder && Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new IllegalArgumentException(option + " " + out + " is an existing file; name a folder");
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + parent + " for " + option + ": " + e.getMessage(), e);
    }
    if (!HELD.add(abs)) {
      throw busy(option, out);
    }
    Path lockFile = parent.resolve("." + abs.getFileName() + ".lock");
    try {
      for (int attempt = 0; ; attempt++) {
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
          l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          l = null;
        }
        if (l == null) {
          ch.close();
          throw busy(option, out);
        }
        if (!Files.exists(lockFile) && attempt < 10) {
          l.release(); // the holder before us removed this lock file on release: lock the new one
          ch.close();
          continue;
        }
        OutputClaim claim = new OutputClaim(out, lockFile, ch, l, abs);
        if (Files.exists(abs) && !overwrite) {
          claim.close();
          throw new IllegalArgumentException(option + " " + out + " exists; choose a new " + (folder ? "folder" : "file")
              + " or give --overwrite to replace it");
        }
        return claim;
      }
    } catch (IOException e) {
      HELD.remove(abs);
      throw new UncheckedIOException("cannot lock " + option + " " + out + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      HELD.remove(abs);
      throw e;
    }
  }

  private static IllegalStateException busy(String option, Path out) {
    return new IllegalStateException(option + " " + out + " is being written by another vaelab command; wait for it to finish or choose another path");
  }

  /** The output claimed. */
  public Path output() {
    return output;
  }

  /** Removes the lock file and releases the lock. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(lockFile);
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the lock of " + output + ": " + e.getMessage(), e);
    } finally {
      HELD.remove(key);
    }
  }
}
