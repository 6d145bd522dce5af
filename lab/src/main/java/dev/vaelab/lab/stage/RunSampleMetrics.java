package dev.vaelab.lab.stage;

import dev.vaelab.core.data.ImageShape;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.features.FeatureCache;
import dev.vaelab.lab.features.FeatureExtractor;
import dev.vaelab.lab.features.RawFeatures;
import dev.vaelab.lab.features.SavedModelFeatures;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.score.SampleScores;
import dev.vaelab.lab.score.SampleSet;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The sample-quality metrics of a trained run, on its samples and reconstructions ({@link ModelFamily#sampleSets}) against
 * its test split ({@link ModelFamily#sampleData}), with the floor: what {@code evaluate --metrics fd,kid,pr} and {@code
 * train --metrics} compute. The feature space: the SavedModel asked for; else, on labelled image data, the data's feature
 * network (trained once and cached, {@link FeatureCache}); else — vector data, or images without labels — the values
 * themselves ({@code raw}), said in the log.
 */
public final class RunSampleMetrics {
  private RunSampleMetrics() {}

  /**
   * @param which the sample-quality metrics ({@code fd}, {@code kid}, {@code pr})
   * @param n rows of each set
   * @param request the feature space and dump folder ({@code features*}, {@code dumpFeatures}) of an evaluation
   */
  public static Map<String, Object> compute(RunSpec spec, RunFolder folder, List<String> which, int n, long seed,
      ModelFamily.EvaluationRequest request, PrintStream log) {
    if (which.isEmpty()) {
      return Map.of();
    }
    ModelFamily<?> family = spec.family();
    DataSource.Splits data = family.sampleData(spec);
    Path dump = request == null || request.dumpFeatures().isEmpty() ? null : Path.of(request.dumpFeatures());
    long t0 = System.nanoTime();
    try (FeatureExtractor phi = extractor(spec, data, request, log)) {
      double network = (System.nanoTime() - t0) / 1e9;
      log.println("sample metrics in the space of " + phi.description() + ", " + Math.min(n, data.test().size()) + " test rows as the real set");
      long t1 = System.nanoTime();
      List<SampleSet> sets = family.sampleSets(spec, folder, n, seed, log);
      double sampling = (System.nanoTime() - t1) / 1e9;
      Map<String, Object> out = new java.util.LinkedHashMap<>(SampleScores.compute(phi, data.train(), data.test(), sets, which, n, seed, dump, log));
      out.put("sample_metric_seconds_feature_network", network);
      out.put("sample_metric_seconds_sampling", sampling);
      return out;
    }
  }

  private static FeatureExtractor extractor(RunSpec spec, DataSource.Splits data, ModelFamily.EvaluationRequest request, PrintStream log) {
    ImageShape shape = spec.shape();
    if (request != null && !request.features().isEmpty()) {
      return SavedModelFeatures.load(Path.of(request.features()), request.featuresSignature(), request.featuresOutput(), shape);
    }
    if (!shape.isVector() && data.train().hasLabels() && data.test().hasLabels()) {
      return FeatureCache.standard().network(data.train(), data.test(), shape, log);
    }
    log.println("note: " + (shape.isVector() ? "vector data" : "images without labels") + ": no feature network is trained (it is a classifier of"
        + " the labels of images); the sample metrics compare the values themselves (features 'raw'); give --features DIR for another space");
    return new RawFeatures(data.test().dimension());
  }
}
