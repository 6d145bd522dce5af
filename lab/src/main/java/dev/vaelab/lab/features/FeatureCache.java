package dev.vaelab.lab.features;

import com.google.gson.JsonObject;
import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.ImageShape;
import dev.vaelab.core.io.AtomicFiles;
import dev.vaelab.core.io.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the feature networks live: one folder per training set, {@code ROOT/KEY/} with {@code feature-network.json}
 * (what it was trained on, its test accuracy, the hash of its weights) and {@code checkpoint/}. KEY is the first 16 hex
 * digits of the SHA-256 of the training split (its values as float32, its labels), its shape, the architecture and the
 * training settings: the same data give the same network, trained once. A network is written to a temporary folder and
 * renamed into place, so a crash never leaves a half-written one; when two processes train the same one, the first
 * rename wins and the other uses it. ROOT is {@code $VAELAB_FEATURES}, else {@code ~/.vaelab/features}.
 */
public final class FeatureCache {
  /** The environment variable naming the cache folder. */
  public static final String ENV = "VAELAB_FEATURES";
  /** Epochs of the feature network. */
  public static final int EPOCHS = 3;
  /** Seed of its initial weights and example order. */
  public static final long SEED = 0;
  static final String FILE = "feature-network.json";
  static final String FORMAT = "vaelab-feature-network";
  private final Path root;

  /** A cache in {@code root}. */
  public FeatureCache(Path root) {
    this.root = root;
  }

  /** The cache of {@code $VAELAB_FEATURES}, else {@code ~/.vaelab/features}. */
  public static FeatureCache standard() {
    String env = System.getenv(ENV);
    return new FeatureCache(env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".vaelab", "features"));
  }

  /** The cache's folder. */
  public Path root() {
    return root;
  }

  /** Whether the network of {@code train} is in the cache (it may still be trained again if it no longer verifies). */
  public boolean has(Dataset train, ImageShape shape) {
    return Files.isRegularFile(root.resolve(dataHash(train, shape).substring(0, 16)).resolve(FILE));
  }

  /**
   * The feature network of {@code train}: the cached one, or one trained now on {@code train} (its accuracy measured on
   * {@code test}) and cached. A cached network whose weights no longer hash to what its record says is trained again.
   */
  public FeatureNetwork network(Dataset train, Dataset test, ImageShape shape, PrintStream log) {
    String dataHash = dataHash(train, shape);
    Path dir = root.resolve(dataHash.substring(0, 16));
    if (Files.isRegularFile(dir.resolve(FILE))) {
      FeatureNetwork cached = load(dir, dataHash, shape, log);
      if (cached != null) {
        return cached;
      }
    }
    log.printf("training the feature network of these data (%d images, %d epochs; once, then cached in %s)%n", train.size(), EPOCHS, dir);
    FeatureNetwork net = FeatureNetwork.train(train, test, shape, EPOCHS, SEED, log);
    try {
      store(net, dir, dataHash, train, test, shape);
      return net;
    } catch (RuntimeException e) {
      net.close();
      throw e;
    }
  }

  private FeatureNetwork load(Path dir, String dataHash, ImageShape shape, PrintStream log) {
    JsonObject o = Json.readTree(dir.resolve(FILE)).getAsJsonObject();
    if (!dataHash.equals(o.get("data_sha256").getAsString())) {
      throw new IllegalStateException(dir + " holds the feature network of other data (a clash of the first 16 hex digits of their SHA-256);"
          + " move it away");
    }
    FeatureNetwork net = FeatureNetwork.restore(shape, o.get("classes").getAsInt(), dir.resolve("checkpoint"), o.get("test_accuracy").getAsDouble());
    if (!net.weightsHash().equals(o.get("weights_sha256").getAsString())) {
      net.close();
      log.println("warning: the cached feature network in " + dir + " does not hash to its record (changed or corrupt): trained again");
      return null;
    }
    log.printf("feature network %s (test accuracy %.4f) from %s%n", net.weightsHash().substring(0, 12), net.accuracy(), dir);
    return net;
  }

  private void store(FeatureNetwork net, Path dir, String dataHash, Dataset train, Dataset test, ImageShape shape) {
    try {
      Files.createDirectories(root);
      Path tmp = AtomicFiles.createTemporaryDirectory(root, "." + dir.getFileName() + "-");
      try {
        net.save(tmp.resolve("checkpoint"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", 1);
        m.put("data_sha256", dataHash);
        m.put("architecture", FeatureNetwork.ARCHITECTURE);
        m.put("epochs", EPOCHS);
        m.put("seed", SEED);
        m.put("shape", shape.toString());
        m.put("classes", net.classes());
        m.put("train_examples", train.size());
        m.put("test_examples", test.size());
        m.put("test_accuracy", net.accuracy());
        m.put("weights_sha256", net.weightsHash());
        Json.writeFile(tmp.resolve(FILE), m);
        if (Files.exists(dir)) { // a record that did not verify: replaced
          AtomicFiles.deleteRecursively(dir);
        }
        try {
          Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
          // another process stored the same network first: keep theirs
        }
      } finally {
        if (Files.exists(tmp)) {
          AtomicFiles.deleteRecursively(tmp);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot cache the feature network in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The SHA-256 of the training split (values float32 little-endian, labels int32), its shape, architecture and training settings. */
  static String dataHash(Dataset train, ImageShape shape) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((FeatureNetwork.ARCHITECTURE + ";epochs=" + EPOCHS + ";seed=" + SEED + ";shape=" + shape + ";n=" + train.size())
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      int d = train.dimension();
      int chunk = Math.max(1, (1 << 20) / d);
      float[] rows = new float[chunk * d];
      ByteBuffer b = ByteBuffer.allocate(rows.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (int from = 0; from < train.size(); from += chunk) {
        int m = Math.min(chunk, train.size() - from);
        train.copyRange(from, from + m, rows);
        b.clear();
        b.asFloatBuffer().put(rows, 0, m * d);
        sha.update(b.array(), 0, m * d * 4);
      }
      ByteBuffer l = ByteBuffer.allocate(train.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
      l.asIntBuffer().put(train.labels());
      sha.update(l.array());
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
