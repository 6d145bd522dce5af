package dev.vaelab.lab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What identifies the data a run read, so that a change is noticed: for a file, its size, its
 * modification time and the SHA-256 of its content (of the whole file up to {@value #FULL_LIMIT}
 * bytes; above, of its size and {@value #SAMPLES} evenly spaced blocks of {@value #BLOCK} bytes — the
 * first and the last included — "sampled"); for a folder (IDX files, images), the number of files,
 * their total size, the newest modification time and the SHA-256 of every file's relative path,
 * size and content (contents only while the total stays under {@value #FULL_LIMIT} bytes; above,
 * paths and sizes — "listing"). Stored in config.json as one line, {@code bytes=… files=…
 * modified=… sha256=… (content|sampled|listing)}.
 *
 * @param bytes total size in bytes
 * @param files number of files (1 for a file)
 * @param modified newest modification time (ISO-8601)
 * @param sha256 the hash, hex
 * @param kind {@code content}, {@code sampled} or {@code listing}
 */
public record DataFingerprint(long bytes, long files, String modified, String sha256, String kind) {
  /** Largest size hashed in full. */
  public static final long FULL_LIMIT = 256L << 20;
  /** Blocks hashed of a larger file. */
  public static final int SAMPLES = 64;
  /** Size of each block hashed of a larger file. */
  public static final int BLOCK = 1 << 16;

  /** The fingerprint of the file or folder {@code p}. */
  public static DataFingerprint of(Path p) {
    return of(p, FULL_LIMIT);
  }

  /** As {@link #of(Path)}, hashing in full up to {@code fullLimit} bytes (tests exercise the sampled modes on small data). */
  static DataFingerprint of(Path p, long fullLimit) {
    try {
      return Files.isDirectory(p) ? folder(p, fullLimit) : file(p, fullLimit);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p + " to fingerprint it: " + e.getMessage(), e);
    }
  }

  private static DataFingerprint file(Path p, long fullLimit) throws IOException {
    long size = Files.size(p);
    MessageDigest md = newDigest();
    boolean full = size <= fullLimit || size < BLOCK;
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(BLOCK);
      if (full) {
        while (ch.read(buf.clear()) > 0) {
          md.update(buf.flip());
        }
      } else {
        md.update(Long.toString(size).getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < SAMPLES; i++) {
          long at = (size - BLOCK) * i / (SAMPLES - 1);
          buf.clear();
          while (buf.hasRemaining() && ch.read(buf, at + buf.position()) > 0) {
            // fill the block
          }
          md.update(buf.flip());
        }
      }
    }
    return new DataFingerprint(size, 1, Files.getLastModifiedTime(p).toInstant().toString(), HexFormat.of().formatHex(md.digest()),
        full ? "content" : "sampled");
  }

  private static DataFingerprint folder(Path dir, long fullLimit) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    long total = 0;
    java.nio.file.attribute.FileTime newest = java.nio.file.attribute.FileTime.fromMillis(0);
    for (Path f : files) {
      total += Files.size(f);
      java.nio.file.attribute.FileTime t = Files.getLastModifiedTime(f);
      newest = t.compareTo(newest) > 0 ? t : newest;
    }
    boolean contents = total <= fullLimit;
    MessageDigest md = newDigest();
    for (Path f : files) {
      md.update((dir.relativize(f).toString().replace('\\', '/') + "\n" + Files.size(f) + "\n").getBytes(StandardCharsets.UTF_8));
      if (contents) {
        try (InputStream in = Files.newInputStream(f)) {
          byte[] b = new byte[BLOCK];
          for (int n = in.read(b); n > 0; n = in.read(b)) {
            md.update(b, 0, n);
          }
        }
      }
    }
    return new DataFingerprint(total, files.size(), newest.toInstant().toString(), HexFormat.of().formatHex(md.digest()),
        contents ? "content" : "listing");
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The one-line form stored in config.json. */
  @Override
  public String toString() {
    return "bytes=" + bytes + " files=" + files + " modified=" + modified + " sha256=" + sha256 + " (" + kind + ")";
  }

  /** Parses {@link #toString}'s form. */
  public static DataFingerprint parse(String s) {
    Map<String, String> m = new LinkedHashMap<>();
    String rest = s.trim();
    int paren = rest.lastIndexOf(" (");
    if (paren < 0 || !rest.endsWith(")")) {
      throw new IllegalArgumentException("data_fingerprint must read 'bytes=… files=… modified=… sha256=… (kind)', got '" + s + "'");
    }
    String kind = rest.substring(paren + 2, rest.length() - 1);
    for (String kv : rest.substring(0, paren).split(" ")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        m.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    try {
      return new DataFingerprint(Long.parseLong(m.get("bytes")), Long.parseLong(m.get("files")), m.get("modified"), m.get("sha256"), kind);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("data_fingerprint must read 'bytes=… files=… modified=… sha256=… (kind)', got '" + s + "'", e);
    }
  }

  /** Whether the content is the same (the hash; sizes and times may say how it differs). */
  public boolean sameContent(DataFingerprint other) {
    return sha256.equals(other.sha256) && bytes == other.bytes && files == other.files;
  }

  /** What changed from {@code before} to this, in words ("" when nothing did). */
  public String changesFrom(DataFingerprint before) {
    List<String> d = new ArrayList<>();
    if (bytes != before.bytes) {
      d.add(String.format(Locale.ROOT, "size %,d → %,d bytes", before.bytes, bytes));
    }
    if (files != before.files) {
      d.add(String.format(Locale.ROOT, "%,d → %,d files", before.files, files));
    }
    if (!sha256.equals(before.sha256)) {
      d.add("content changed (SHA-256 " + before.sha256.substring(0, 12) + "… → " + sha256.substring(0, 12) + "…)");
    }
    if (!modified.equals(before.modified)) {
      d.add("modified " + before.modified + " → " + modified);
    }
    return String.join(", ", d);
  }
}
