package dev.vaelab.examples;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.vq.CodePriorFit;
import dev.vaelab.vq.CodeUsage;
import dev.vaelab.vq.CodebookInitialization;
import dev.vaelab.vq.CodebookUsageListener;
import dev.vaelab.vq.VqVae;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The VQ-VAE's extra steps in a training run: codebook usage per epoch, optional k-means
 * initialisation before training; after it, test-set code usage and the
 * categorical prior fitted to the training codes (saved with the checkpoint, used by sampling).
 */
record VqParts(VqVae spec, CodebookUsageListener usage, CodeUsage counter) {

  static VqParts before(ModelGraph graph, VqVae spec, boolean kmeansInit, int batchSize, long seed, Dataset train, PrintStream log) {
    CodebookUsageListener usage = new CodebookUsageListener(graph, spec.builtQuantizer(), log);
    CodeUsage counter = new CodeUsage(graph);
    if (kmeansInit) {
      int n = Math.min(batchSize, train.size());
      float[] batch = new float[n * train.dimension()];
      train.copyRows(train.permutation(new java.util.Random(seed)), 0, n, batch);
      CodebookInitialization.kmeans(graph, spec, batch, n, seed);
      log.println("codebook initialised by k-means on " + n + " images");
    }
    return new VqParts(spec, usage, counter);
  }

  Map<String, Object> after(ModelGraph graph, Dataset train, Dataset test, Runnable saveCheckpoint) {
    Map<String, Object> s = new LinkedHashMap<>();
    int k = spec.quantizer().codebookSize();
    CodeUsage.Counts onTest = counter.count(test, Evaluator.DEFAULT_BATCH);
    s.put("perplexity", onTest.perplexity());
    s.put("codes_used", onTest.codesUsed());
    s.put("codebook_size", k);
    if (!usage.history().isEmpty()) {
      s.put("train_codes_used_last_epoch", usage.history().get(usage.history().size() - 1).codesUsed());
      s.put("train_perplexity_last_epoch", usage.history().get(usage.history().size() - 1).perplexity());
    }
    CodePriorFit.fit(graph, spec.builtPrior(), counter.count(train, Evaluator.DEFAULT_BATCH), CodePriorFit.DEFAULT_ALPHA);
    if (saveCheckpoint != null) {
      saveCheckpoint.run(); // with the fitted prior
    }
    return s;
  }
}
