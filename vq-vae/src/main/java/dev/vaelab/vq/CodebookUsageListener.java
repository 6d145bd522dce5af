package dev.vaelab.vq;

import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.train.EpochMetrics;
import dev.vaelab.core.train.TrainingListener;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Result;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;

/**
 * Codebook health over whole epochs: the usage counted by the training steps of the epoch (codes
 * used, perplexity), read and reset at the end of each epoch.
 */
public final class CodebookUsageListener implements TrainingListener {
  /** One epoch's usage. */
  public record EpochUsage(int epoch, int codesUsed, double perplexity) {}

  private final ModelGraph graph;
  private final VectorQuantizer quantizer;
  private final Op reset;
  private final PrintStream log;
  private final List<EpochUsage> history = new ArrayList<>();

  /** Builds its reset op into the graph; call before training starts. */
  public CodebookUsageListener(ModelGraph graph, VectorQuantizer quantizer, PrintStream log) {
    this.graph = graph;
    this.quantizer = quantizer;
    this.log = log;
    Ops tf = graph.tf().withSubScope("usage_reset");
    this.reset = tf.assign(quantizer.usage(), tf.zerosLike(tf.identity(quantizer.usage())));
  }

  @Override
  public void onEpochEnd(EpochMetrics m) {
    double[] counts;
    try (Result r = graph.session().runner().fetch(quantizer.usage()).run()) {
      float[] v = Feeds.values(r.get(0));
      counts = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        counts[i] = v[i];
      }
    }
    try (Result ignored = graph.session().runner().addTarget(reset).run()) {
      // usage counters zeroed for the next epoch
    }
    int used = 0;
    for (double c : counts) {
      if (c > 0) {
        used++;
      }
    }
    EpochUsage u = new EpochUsage(m.epoch(), used, VectorQuantizer.perplexity(counts));
    history.add(u);
    if (log != null) {
      log.printf(Locale.ROOT, "  codebook, epoch %d: %d of %d codes used, perplexity %.2f%n",
          u.epoch(), u.codesUsed(), quantizer.config().codebookSize(), u.perplexity());
    }
  }

  /** Usage of every epoch so far. */
  public List<EpochUsage> history() {
    return List.copyOf(history);
  }
}
