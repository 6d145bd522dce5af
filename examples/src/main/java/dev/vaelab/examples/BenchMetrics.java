package dev.vaelab.examples;

import dev.vaelab.lab.Lab;
import dev.vaelab.lab.features.FeatureCache;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code vaelab bench metrics --run DIR [--metrics LIST]}: the cost of the sample-quality metrics on one run — the feature
 * network (trained, or loaded from the cache), drawing every sample set, the features, and each metric — on {@code
 * --samples} rows of each set, or of the disentanglement metrics ({@code --metrics mig,dci,sap,factorvae,betavae}, data
 * with known factors), as one JSON line with the time of each part and the numbers computed. The result is also recorded in the run's
 * evaluations.json, as {@code evaluate} records it.
 */
public final class BenchMetrics {
  private BenchMetrics() {}

  /** The disentanglement metrics' result keys. */
  static final java.util.List<String> DISENTANGLEMENT_KEYS = java.util.List.of("mig", "dci_disentanglement", "dci_completeness",
      "dci_informativeness", "sap", "factorvae_score", "betavae_score", "disentanglement_seconds", "disentanglement_observations");

  public static Map<String, Object> run(Path dir, String metrics, int samples, long seed, PrintStream log) {
    if (dir == null) {
      throw new IllegalArgumentException("bench metrics: give --run DIR, the run whose samples are scored");
    }
    RunSpec spec;
    boolean cached;
    try (RunFolder folder = RunFolder.read(dir)) {
      spec = folder.spec();
    }
    var data = spec.family().sampleData(spec);
    cached = spec.shape().isVector() || !data.train().hasLabels() || FeatureCache.standard().has(data.train(), spec.shape());
    long t0 = System.nanoTime();
    Map<String, Object> m = Lab.sampleQuality(dir, metrics, samples, seed, log).toMap();
    double total = (System.nanoTime() - t0) / 1e9;
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("benchmark", "metrics");
    r.put("run", dir.toString());
    r.put("model", spec.family().name());
    r.put("dataset", data.name());
    r.put("metrics", metrics);
    r.put("samples", samples);
    r.put("real_rows", m.get("sample_metric_real"));
    r.put("feature_network_cached", cached);
    r.put("features", m.get("features"));
    r.put("features_accuracy", m.get("features_accuracy"));
    Map<String, Object> seconds = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (k.startsWith("sample_metric_seconds_")) {
        seconds.put(k.substring("sample_metric_seconds_".length()), v);
      }
    });
    seconds.put("total", total);
    r.put("seconds", seconds);
    Map<String, Object> values = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (dev.vaelab.lab.score.SampleScores.isResultKey(k) || DISENTANGLEMENT_KEYS.contains(k)) {
        values.put(k, v);
      }
    });
    r.put("values", values);
    return r;
  }
}
