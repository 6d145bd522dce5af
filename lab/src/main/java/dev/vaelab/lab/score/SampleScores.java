package dev.vaelab.lab.score;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.NpyWriter;
import dev.vaelab.lab.features.FeatureExtractor;
import dev.vaelab.metrics.FeatureStatistics;
import dev.vaelab.metrics.FrechetDistance;
import dev.vaelab.metrics.KernelDistance;
import dev.vaelab.metrics.PrecisionRecall;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The sample-quality metrics of a run: each {@link SampleSet} it produces and — the floor — rows of its training split,
 * each against its test split, in the space of a {@link FeatureExtractor} φ: {@code fd} (Fréchet distance), {@code kid}
 * (kernel distance, mean ± sd over subsets), {@code pr} (precision and recall, k = 3). The formulas are in
 * {@code vaelab-metrics}; here they are run and named for summary.json: {@code fd_SOURCE}, {@code kid_SOURCE},
 * {@code kid_sd_SOURCE}, {@code precision_SOURCE}, {@code recall_SOURCE}, with SOURCE {@code train} for the floor, and
 * beside them what makes them comparable: {@code features} (φ's hash), {@code features_accuracy}, {@code
 * features_dim}, {@code sample_metric_real} and {@code sample_metric_generated} (rows compared).
 */
public final class SampleScores {
  /** The names {@code --metrics} takes for them. */
  public static final List<String> NAMES = List.of("fd", "kid", "pr");
  /** Rows compared when none is asked for ({@code --samples}): FMNIST's test split. */
  public static final int DEFAULT_SAMPLES = 10_000;
  /** The source name of the floor: training rows against the test rows. */
  public static final String FLOOR = "train";

  private SampleScores() {}

  /** Whether {@code key} is one of these metrics' per-source values (for tables that list them). */
  public static boolean isResultKey(String key) {
    return key.startsWith("fd_") || key.startsWith("kid_") || key.startsWith("precision_") || key.startsWith("recall_");
  }

  /**
   * The metrics {@code which} of every set against {@code test}, with the floor.
   *
   * @param train the run's training split (the floor draws {@code n} rows of it)
   * @param test the run's test split ({@code n} rows of it are the real set; all when it has fewer)
   * @param n rows of each set compared
   * @param seed draws the subsets of rows and of the kernel distance
   * @param dump a folder to write every set's features to as {@code .npy} ({@code real.npy}, {@code SOURCE.npy}), or null
   */
  public static Map<String, Object> compute(FeatureExtractor phi, Dataset train, Dataset test, List<SampleSet> sets, List<String> which, int n,
      long seed, Path dump, PrintStream log) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (which.isEmpty()) {
      return out;
    }
    if (n < 4) {
      throw new IllegalArgumentException("--samples must be >= 4 (precision and recall need k + 1 = 4 rows), got " + n);
    }
    long t0 = System.nanoTime();
    double[] seconds = new double[4]; // features, fd, kid, pr
    long t = System.nanoTime();
    double[][] real = phi.features(rows(test, n, seed), Math.min(n, test.size()));
    seconds[0] += (System.nanoTime() - t) / 1e9;
    out.put("features", phi.id());
    if (!Double.isNaN(phi.accuracy())) {
      out.put("features_accuracy", phi.accuracy());
    }
    out.put("features_dim", phi.dimension());
    out.put("sample_metric_real", real.length);
    t = System.nanoTime();
    FeatureStatistics realStats = which.contains("fd") ? FeatureStatistics.of(real) : null;
    seconds[1] += (System.nanoTime() - t) / 1e9;
    t = System.nanoTime();
    double[] realRadii = which.contains("pr") ? PrecisionRecall.radii(real, PrecisionRecall.DEFAULT_K) : null;
    KernelDistance.Reference kid = KernelDistance.reference(real, KernelDistance.DEFAULT_SUBSETS, KernelDistance.DEFAULT_SUBSET_SIZE, seed);
    seconds[3] += (System.nanoTime() - t) / 1e9;
    if (dump != null) {
      write(dump, "real", real);
    }
    List<SampleSet> all = new ArrayList<>();
    all.add(new SampleSet(FLOOR, rows(train, n, seed + 1), Math.min(n, train.size())));
    all.addAll(sets);
    int generated = 0;
    for (SampleSet s : all) {
      if (s.width() != test.dimension()) {
        throw new IllegalStateException("sample set " + s.source() + " has rows of " + s.width() + " values; the data have " + test.dimension());
      }
      t = System.nanoTime();
      double[][] f = phi.features(s.values(), s.n());
      seconds[0] += (System.nanoTime() - t) / 1e9;
      generated = Math.max(generated, s.n());
      if (dump != null) {
        write(dump, s.source(), f);
      }
      String key = s.source();
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-16s", key.equals(FLOOR) ? "train (floor)" : key));
      if (which.contains("fd")) {
        t = System.nanoTime();
        double fd = FrechetDistance.squared(realStats, FeatureStatistics.of(f));
        out.put("fd_" + key, fd);
        seconds[1] += (System.nanoTime() - t) / 1e9;
        line.append(String.format(Locale.ROOT, "  FD %10.4f", fd));
      }
      if (which.contains("kid")) {
        t = System.nanoTime();
        KernelDistance k = kid.against(f);
        out.put("kid_" + key, k.mean());
        out.put("kid_sd_" + key, k.sd());
        out.put("kid_subset_size", k.subsetSize());
        out.put("kid_subsets", k.subsets());
        seconds[2] += (System.nanoTime() - t) / 1e9;
        line.append(String.format(Locale.ROOT, "  KID %.5f ± %.5f", k.mean(), k.sd()));
      }
      if (which.contains("pr")) {
        t = System.nanoTime();
        PrecisionRecall pr = PrecisionRecall.of(real, realRadii, f, PrecisionRecall.DEFAULT_K);
        out.put("precision_" + key, pr.precision());
        out.put("recall_" + key, pr.recall());
        out.put("pr_k", pr.k());
        seconds[3] += (System.nanoTime() - t) / 1e9;
        line.append(String.format(Locale.ROOT, "  precision %.4f  recall %.4f", pr.precision(), pr.recall()));
      }
      log.println(line);
    }
    out.put("sample_metric_generated", generated);
    out.put("sample_metric_seconds", (System.nanoTime() - t0) / 1e9);
    String[] parts = {"features", "fd", "kid", "pr"};
    for (int i = 0; i < parts.length; i++) { // where the time went (vaelab bench metrics reports them)
      if (i == 0 || which.contains(parts[i])) {
        out.put("sample_metric_seconds_" + parts[i], seconds[i]);
      }
    }
    return out;
  }

  /** {@code n} rows of {@code d} (all of them, in order, when it has no more; else a subset drawn with {@code seed}). */
  static float[] rows(Dataset d, int n, long seed) {
    int m = Math.min(n, d.size());
    float[] out = new float[m * d.dimension()];
    if (m == d.size()) {
      d.copyRange(0, m, out);
      return out;
    }
    int[] order = Dataset.permutation(d.size(), new Random(seed));
    d.copyRows(order, 0, m, out);
    return out;
  }

  private static void write(Path dir, String name, double[][] f) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("--dump-features " + dir + ": " + e.getMessage(), e);
    }
    int d = f.length == 0 ? 0 : f[0].length;
    float[] flat = new float[f.length * d];
    for (int i = 0; i < f.length; i++) {
      for (int j = 0; j < d; j++) {
        flat[i * d + j] = (float) f[i][j];
      }
    }
    NpyWriter.writeFloats(dir.resolve(name + ".npy"), flat, f.length, d);
  }
}
