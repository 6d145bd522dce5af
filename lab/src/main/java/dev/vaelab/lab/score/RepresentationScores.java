package dev.vaelab.lab.score;

import dev.vaelab.metrics.Clustering;
import dev.vaelab.metrics.LinearProbe;
import dev.vaelab.metrics.NearestNeighbours;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The representation metrics of a run, on its {@code ModelFamily.representation} — the posterior means E[z|y], the
 * mixture's responsibilities, a VQ-VAE's quantised vectors z_q — with the data's labels: {@code probe} (linear-probe accuracy: logistic regression
 * trained on the training split, scored on the test split), {@code knn} (k-NN accuracy, k = 5, training split as
 * reference) and {@code cluster} (k-means on the test split, NMI and ARI against its labels). The formulas are in
 * {@code vaelab-metrics}; here they are run on a run's encoding and named for summary.json.
 */
public final class RepresentationScores {
  /** The names {@code --metrics} takes. */
  public static final List<String> NAMES = List.of("probe", "knn", "cluster");
  /** The summary keys the metrics write (besides {@code knn_k}). */
  public static final List<String> RESULT_KEYS = List.of("probe_accuracy", "knn_accuracy", "cluster_nmi", "cluster_ari");
  private RepresentationScores() {}

  /** The representation metrics of a comma-separated list ("" none; see {@link MetricNames#parse}); a sample-quality one is refused. */
  public static List<String> parse(String metrics) {
    List<String> all = MetricNames.parse(metrics);
    List<String> sample = MetricNames.sample(all);
    if (!sample.isEmpty()) {
      throw new IllegalArgumentException("--metrics " + String.join(",", sample) + ": only the representation metrics " + NAMES + " apply here");
    }
    return all;
  }

  /**
   * The metrics {@code which} of {@code e}; refused when the data have no labels or the encoding is of code indices
   * (a VQ-VAE's codes are categories, not coordinates: its quantised vectors are not in the encoding).
   */
  public static Map<String, Object> compute(Encoding e, List<String> which, long seed) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (which.isEmpty()) {
      return out;
    }
    if (e.kind().equals("code")) { // a family that did not turn its categories into vectors (ModelFamily.representation)
      throw new IllegalArgumentException("--metrics " + String.join(",", which) + ": this run encodes its examples as code indices,"
          + " which are categories, not coordinates; its family gives no vectors for them");
    }
    if (e.trainLabels() == null || e.testLabels() == null) {
      throw new IllegalArgumentException("--metrics " + String.join(",", which) + ": the run's data have no labels; the representation"
          + " metrics score the latents against them");
    }
    double[][] train = rows(e.train(), e.width());
    double[][] test = rows(e.test(), e.width());
    if (which.contains("probe")) {
      LinearProbe p = LinearProbe.of(train, e.trainLabels(), test, e.testLabels(), LinearProbe.DEFAULT_EPOCHS, seed);
      out.put("probe_accuracy", p.accuracy());
    }
    if (which.contains("knn")) {
      out.put("knn_accuracy", NearestNeighbours.of(train, e.trainLabels(), test, e.testLabels(), NearestNeighbours.DEFAULT_K).accuracy());
      out.put("knn_k", NearestNeighbours.DEFAULT_K);
    }
    if (which.contains("cluster")) {
      Clustering c = Clustering.of(test, e.testLabels(), seed);
      out.put("cluster_nmi", c.nmi());
      out.put("cluster_ari", c.ari());
    }
    return out;
  }

  /** Row-major values as rows of doubles. */
  public static double[][] rows(float[] v, int width) {
    return dev.vaelab.lab.features.FeatureExtractor.rows(v, width);
  }
}
