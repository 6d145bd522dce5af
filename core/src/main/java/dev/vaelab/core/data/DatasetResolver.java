package dev.vaelab.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Finds the Fashion-MNIST files: an explicit folder, then {@code $VAELAB_DATA}, then {@code
 * ~/.vaelab/data}, then Debian's {@code /usr/share/datasets/fashion-mnist}, and last a download
 * into {@code ~/.vaelab/data} whose content is checked against a SHA-256.
 *
 * <p>The digests are of the <em>uncompressed</em> IDX bytes, so a mirror that recompressed the
 * files (Debian's package does) still verifies, while any change to the data fails.
 */
public final class DatasetResolver {
  /** Environment variable naming a data folder. */
  public static final String ENV_DATA = "VAELAB_DATA";
  /** Debian's dataset-fashion-mnist location. */
  public static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");
  /** Where Fashion-MNIST is published by its authors. */
  public static final URI DEFAULT_MIRROR =
      URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
  /** SHA-256 of the uncompressed content of each file. */
  public static final Map<String, String> SHA256_UNCOMPRESSED =
      Map.of(
          "train-images-idx3-ubyte.gz", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
          "train-labels-idx1-ubyte.gz", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
          "t10k-images-idx3-ubyte.gz", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
          "t10k-labels-idx1-ubyte.gz", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

  private final List<Path> candidates;
  private final Path downloadDir;
  private final URI mirror;

  /**
   * @param candidates folders tried in order
   * @param downloadDir where a download goes (null: never download)
   * @param mirror base URI of the files
   */
  public DatasetResolver(List<Path> candidates, Path downloadDir, URI mirror) {
    this.candidates = List.copyOf(candidates);
    this.downloadDir = downloadDir;
    this.mirror = mirror;
  }

  /**
   * The standard search order; with an explicit folder, that folder only — a folder missing a file
   * never falls back to data found elsewhere.
   */
  public static DatasetResolver standard(Path explicit) {
    List<Path> c = new ArrayList<>();
    if (explicit != null) {
      if (!Files.exists(explicit)) {
        throw new IllegalArgumentException("data folder " + explicit + " does not exist");
      }
      if (!Files.isDirectory(explicit)) {
        throw new IllegalArgumentException("data path " + explicit + " is a file, expected a folder holding the four IDX files");
      }
      return new DatasetResolver(List.of(explicit), null, DEFAULT_MIRROR);
    }
    String env = System.getenv(ENV_DATA);
    if (env != null && !env.isBlank()) {
      c.add(Path.of(env));
      c.add(Path.of(env, "fashion-mnist"));
    }
    Path home = Path.of(System.getProperty("user.home"), ".vaelab", "data");
    c.add(home);
    c.add(home.resolve("fashion-mnist"));
    c.add(SYSTEM_DIR);
    return new DatasetResolver(c, home.resolve("fashion-mnist"), DEFAULT_MIRROR);
  }

  /** The first candidate folder holding all four files, if any. */
  public Optional<Path> findLocal() {
    for (Path dir : candidates) {
      if (hasAllFiles(dir)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** A folder holding all four files, downloading them if no candidate has them. */
  public Path resolve() {
    Optional<Path> local = findLocal();
    if (local.isPresent()) {
      verify(local.get());
      return local.get();
    }
    if (downloadDir == null) {
      if (candidates.size() == 1) {
        Path dir = candidates.get(0);
        throw new IllegalArgumentException("data folder " + dir + " lacks " + String.join(", ", missingFiles(dir))
            + " (expected the four IDX files " + String.join(", ", SHA256_UNCOMPRESSED.keySet().stream().sorted().toList())
            + ", gzipped or not)");
      }
      throw new IllegalStateException("Fashion-MNIST not found in " + candidates + " and downloading is off");
    }
    download();
    return downloadDir;
  }

  /** Downloads the four files into the download folder, each verified before it is moved in place. */
  public void download() {
    try {
      Files.createDirectories(downloadDir);
      for (Map.Entry<String, String> e : SHA256_UNCOMPRESSED.entrySet()) {
        Path target = downloadDir.resolve(e.getKey());
        if (Files.isRegularFile(target) && e.getValue().equals(sha256Uncompressed(target))) {
          continue;
        }
        Path tmp = Files.createTempFile(downloadDir, e.getKey(), ".part");
        try {
          try (InputStream in = mirror.resolve(e.getKey()).toURL().openStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
          }
          String got = sha256Uncompressed(tmp);
          if (!got.equals(e.getValue())) {
            throw new IllegalStateException(
                "download of " + e.getKey() + " from " + mirror + " failed its check: SHA-256 of the content is "
                    + got + ", expected " + e.getValue());
          }
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot download Fashion-MNIST from " + mirror + " into " + downloadDir + ": " + e.getMessage()
              + " (set " + ENV_DATA + " to a folder holding the files, or install Debian's dataset-fashion-mnist)",
          e);
    }
  }

  /** SHA-256 (hex) of a file's content after gunzip (or as is, if it is not gzip). */
  public static String sha256Uncompressed(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] head = new byte[2];
    try (InputStream probe = Files.newInputStream(file)) {
      int n = probe.readNBytes(head, 0, 2);
      boolean gz = n == 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b;
      try (InputStream raw = Files.newInputStream(file);
          InputStream in = gz ? new GZIPInputStream(raw) : raw) {
        byte[] buf = new byte[1 << 16];
        int r;
        while ((r = in.read(buf)) > 0) {
          md.update(buf, 0, r);
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Folders verified in this process, with the size and modification time of each file then. */
  private static final Map<Path, String> VERIFIED = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Checks the SHA-256 of the content of each of the four files found in {@code dir} (gzipped or not)
   * against the published one — files found locally are checked as downloads are, so no other data
   * passes for Fashion-MNIST.
   *
   * @throws IllegalArgumentException naming the file, its hash and the one expected
   */
  public static void verify(Path dir) {
    try {
      StringBuilder stamp = new StringBuilder();
      List<Path> files = new ArrayList<>();
      for (String f : SHA256_UNCOMPRESSED.keySet().stream().sorted().toList()) {
        Path p = Files.isRegularFile(dir.resolve(f)) ? dir.resolve(f) : dir.resolve(f.substring(0, f.length() - 3));
        files.add(p);
        stamp.append(p).append(' ').append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p)).append('\n');
      }
      Path key = dir.toAbsolutePath().normalize();
      if (stamp.toString().equals(VERIFIED.get(key))) {
        return;
      }
      for (Path p : files) {
        String name = p.getFileName().toString();
        String expected = SHA256_UNCOMPRESSED.get(name.endsWith(".gz") ? name : name + ".gz");
        String got = sha256Uncompressed(p);
        if (!expected.equals(got)) {
          throw new IllegalArgumentException("Fashion-MNIST found in " + dir + ": " + name + " has content SHA-256 " + got + ", expected "
              + expected + " (the published file); these are not the Fashion-MNIST files — remove them from " + dir
              + " or point $" + ENV_DATA + " elsewhere");
        }
      }
      VERIFIED.put(key, stamp.toString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot check the Fashion-MNIST files in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The IDX files (by their .gz name) that {@code dir} holds in neither form. */
  public static List<String> missingFiles(Path dir) {
    List<String> out = new ArrayList<>();
    for (String f : SHA256_UNCOMPRESSED.keySet().stream().sorted().toList()) {
      if (!Files.isRegularFile(dir.resolve(f)) && !Files.isRegularFile(dir.resolve(f.substring(0, f.length() - 3)))) {
        out.add(f);
      }
    }
    return out;
  }

  private static boolean hasAllFiles(Path dir) {
    return missingFiles(dir).isEmpty();
  }
}
