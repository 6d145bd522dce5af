package dev.vaelab.examples;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.NpyFile;
import dev.vaelab.core.io.Json;
import dev.vaelab.metrics.FeatureStatistics;
import dev.vaelab.metrics.FrechetDistance;
import dev.vaelab.metrics.KernelDistance;
import dev.vaelab.metrics.PrecisionRecall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vaelab metrics}: the sample-quality metrics between two sets of feature vectors given as {@code .npy} files
 * ([N, D] float32 or float64) — for features from any network the user trusts, and to check the formulas against
 * another implementation (bench/peers/sample_metrics.py). Prints one JSON line.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = {"Sample-quality metrics between two sets of feature vectors (.npy, [N, D]): fd (Fréchet distance), kid (kernel distance,"
        + " mean ± sd over subsets), pr (precision and recall, k-NN radii). Prints one JSON line. See docs/metrics.md."})
final class MetricsCommand implements Callable<Integer> {
  @Option(names = "--real", required = true, paramLabel = "FILE", description = "The reference vectors (.npy, [N, D]).")
  Path real;

  @Option(names = "--generated", required = true, paramLabel = "FILE", description = "The vectors to judge (.npy, [M, D]).")
  Path generated;

  @Option(names = "--metrics", paramLabel = "LIST", description = "Some of fd, kid, pr (default ${DEFAULT-VALUE}).")
  String metrics = "fd,kid,pr";

  @Option(names = "--subsets", description = "KID: number of subsets (default ${DEFAULT-VALUE}).")
  int subsets = KernelDistance.DEFAULT_SUBSETS;

  @Option(names = "--subset-size", description = "KID: vectors per set in each subset (default ${DEFAULT-VALUE}; at most the smaller set).")
  int subsetSize = KernelDistance.DEFAULT_SUBSET_SIZE;

  @Option(names = "--k", description = "Precision/recall: the neighbour whose distance is a ball's radius (default ${DEFAULT-VALUE}).")
  int k = PrecisionRecall.DEFAULT_K;

  @Option(names = "--seed", description = "KID's subsets (default ${DEFAULT-VALUE}).")
  long seed = 0;

  static final List<String> NAMES = List.of("fd", "kid", "pr");

  @Override
  public Integer call() {
    List<String> which = new ArrayList<>();
    for (String m : metrics.split(",")) {
      String name = m.trim().toLowerCase(Locale.ROOT);
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("--metrics must name some of " + NAMES + ", got '" + m.trim() + "'");
      }
      which.add(name);
    }
    double[][] x = read(real, "--real");
    double[][] y = read(generated, "--generated");
    if (x[0].length != y[0].length) {
      throw new IllegalArgumentException("--real has vectors of " + x[0].length + " values, --generated of " + y[0].length);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("real", real.toString());
    out.put("generated", generated.toString());
    out.put("n_real", x.length);
    out.put("n_generated", y.length);
    out.put("dimension", x[0].length);
    if (which.contains("fd")) {
      out.put("fd", FrechetDistance.squared(FeatureStatistics.of(x), FeatureStatistics.of(y)));
    }
    if (which.contains("kid")) {
      KernelDistance kid = KernelDistance.of(x, y, subsets, subsetSize, seed);
      out.put("kid_mean", kid.mean());
      out.put("kid_sd", kid.sd());
      out.put("kid_subsets", kid.subsets());
      out.put("kid_subset_size", kid.subsetSize());
    }
    if (which.contains("pr")) {
      PrecisionRecall pr = PrecisionRecall.of(x, y, k);
      out.put("precision", pr.precision());
      out.put("recall", pr.recall());
      out.put("pr_k", pr.k());
    }
    System.out.println(Json.writeLine(out));
    return 0;
  }

  static double[][] read(Path file, String option) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(option + " " + file + " does not exist (expected a .npy file of [N, D] vectors)");
    }
    Dataset d = new NpyFile(file).load(null).data();
    double[][] x = new double[d.size()][d.dimension()];
    for (int i = 0; i < d.size(); i++) {
      for (int j = 0; j < d.dimension(); j++) {
        x[i][j] = d.get(i, j);
      }
    }
    return x;
  }
}
