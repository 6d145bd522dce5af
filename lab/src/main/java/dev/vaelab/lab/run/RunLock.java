package dev.vaelab.lab.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The exclusive lock of a run folder, held by the one process that writes it ({@code train},
 * {@code train --resume}). It is an operating-system lock on {@code .lock}, which also records the
 * holder ("pid host start-time"): a second process is refused with the holder's name, and a lock
 * file left by a process that was killed is recognised as stale — the operating system released
 * its lock when the process died — and taken over with a warning.
 */
public final class RunLock implements AutoCloseable {
  /** The lock file's name in the run folder. */
  public static final String FILE = ".lock";

  /**
   * Run folders locked by this process. Checked before the file is opened: on Linux, closing any
   * descriptor of a file releases every lock the process holds on it, so a second attempt in this
   * process must not open (and close) the lock file at all.
   */
  private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final Path file;
  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path file, Path key, FileChannel channel, FileLock lock) {
    this.file = file;
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dir} (which must exist).
   *
   * @param warn receives a message when a stale lock is taken over
   * @throws IllegalStateException naming the holder when another process (or another run in this
   *     process) holds it
   */
  public static RunLock acquire(Path dir, Consumer<String> warn) {
    Path file = dir.resolve(FILE);
    Path key;
    try {
      key = dir.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock run folder " + dir + ": " + e.getMessage(), e);
    }
    if (!HELD.add(key)) {
      throw new IllegalStateException("run folder " + dir + " is in use by process " + ProcessHandle.current().pid()
          + " (this one); wait for it to finish or choose another --out");
    }
    FileChannel ch = null;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null; // cannot happen past HELD, but never mistake it for a free lock
      }
      String previous = read(ch);
      if (l == null) {
        ch.close();
        HELD.remove(key);
        throw new IllegalStateException("run folder " + dir + " is in use by " + describe(previous)
            + "; wait for it to finish or choose another --out");
      }
      if (!previous.isBlank()) {
        warn.accept("run folder " + dir + " was locked by " + describe(previous)
            + ", which is no longer running (killed?); taking the lock over");
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(holder().getBytes(StandardCharsets.UTF_8)), 0);
      ch.force(true);
      return new RunLock(file, key, ch, l);
    } catch (IOException e) {
      HELD.remove(key);
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // already failing
        }
      }
      throw new UncheckedIOException("cannot lock run folder " + dir + ": " + e.getMessage(), e);
    }
  }

  /** "pid host start-time" of this process. */
  static String holder() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown-host";
    }
    return ProcessHandle.current().pid() + " " + host + " " + Instant.now() + "\n";
  }

  private static String describe(String content) {
    String[] p = content.trim().split("\\s+");
    if (p.length >= 2) {
      return "process " + p[0] + " on host " + p[1] + (p.length >= 3 ? " (since " + p[2] + ")" : "");
    }
    return "another process";
  }

  private static String read(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
    ch.read(b, 0);
    return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
  }

  /** Releases the lock and removes the file. */
  @Override
  public void close() {
    try {
      channel.truncate(0);
      Files.deleteIfExists(file);
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the lock " + file + ": " + e.getMessage(), e);
    } finally {
      HELD.remove(key);
    }
  }
}
