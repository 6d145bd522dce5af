package dev.vaelab.lab.families.vq;

import dev.vaelab.lab.run.RunFolder;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.vq.CodePriorFit;
import dev.vaelab.vq.CodeUsage;
import dev.vaelab.vq.CodebookInitialization;
import dev.vaelab.vq.CodebookUsageListener;
import dev.vaelab.vq.PixelCnnFit;
import dev.vaelab.vq.PixelCnnPrior;
import dev.vaelab.vq.VqVae;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VQ-VAE's extra steps in a training run: codebook usage per epoch, optional k-means
 * initialisation before training; after it, test-set code usage, the independent categorical prior
 * fitted to the training codes (saved with the checkpoint) and, with {@code --code-prior pixelcnn},
 * the gated PixelCNN trained on the training code maps (checkpoints in {@code code-prior/}). Both
 * priors' test rates −ln P_pri(k) and the NLL bounds distortion + rate go into the summary.
 */
public record VqParts(VqVae spec, VqVaeFamily.Options options, int batchSize, long seed, RunFolder folder, PrintStream log,
    CodebookUsageListener usage, CodeUsage counter) {
  /** Folder of the PixelCNN code prior's checkpoints inside a run folder. */
  public static final String CODE_PRIOR_DIR = "code-prior";

  static VqParts before(ModelGraph graph, VqVae spec, VqVaeFamily.Options options, boolean kmeansInit, int batchSize, long seed,
      Dataset train, RunFolder folder, PrintStream log) {
    CodebookUsageListener usage = new CodebookUsageListener(graph, spec.builtQuantizer(), log);
    CodeUsage counter = new CodeUsage(graph);
    if (kmeansInit) {
      int n = Math.min(batchSize, train.size());
      float[] batch = new float[n * train.dimension()];
      train.copyRows(train.permutation(new java.util.Random(seed)), 0, n, batch);
      CodebookInitialization.kmeans(graph, spec, batch, n, seed);
      log.println("codebook initialised by k-means on " + n + " images");
    }
    return new VqParts(spec, options, batchSize, seed, folder, log, usage, counter);
  }

  Map<String, Object> after(ModelGraph graph, Dataset train, Dataset test, Runnable saveCheckpoint) {
    Map<String, Object> s = new LinkedHashMap<>();
    int k = spec.quantizer().codebookSize();
    int[] testCodes = counter.codes(test, Evaluator.DEFAULT_BATCH);
    int[] trainCodes = counter.codes(train, Evaluator.DEFAULT_BATCH);
    CodeUsage.Counts onTest = counter.countsOf(testCodes);
    s.put("perplexity", onTest.perplexity());
    s.put("codes_used", onTest.codesUsed());
    s.put("codebook_size", k);
    if (!usage.history().isEmpty()) {
      s.put("train_codes_used_last_epoch", usage.history().get(usage.history().size() - 1).codesUsed());
      s.put("train_perplexity_last_epoch", usage.history().get(usage.history().size() - 1).perplexity());
    }
    float[] logits = CodePriorFit.fit(graph, spec.builtPrior(), counter.countsOf(trainCodes), CodePriorFit.DEFAULT_ALPHA);
    if (saveCheckpoint != null) {
      saveCheckpoint.run(); // with the fitted prior
    }
    s.put("code_prior", options.codePrior().id());
    if (test.size() == 0) {
      return s;
    }
    int p = counter.positions();
    double distortion = Evaluator.evaluate(graph, test, Evaluator.DEFAULT_BATCH).distortion();
    double independent = CodePriorFit.rate(logits, testCodes, test.size(), p);
    s.put("code_prior_rate_independent", independent);
    s.put("test_nll_bound_independent", distortion + independent);
    log.printf("independent code prior: test rate %.2f nats per image, NLL bound %.2f%n", independent, distortion + independent);
    if (options.codePrior() == CodePriorKind.PIXELCNN) {
      try (PixelCnnPrior prior = PixelCnnPrior.create(options.pixelCnn(side(p), batchSize), seed)) {
        log.printf("training the gated PixelCNN code prior (%d parameters) on %d training code maps, %d epochs%n",
            prior.parameterCount(), train.size(), options.codePriorEpochs());
        List<PixelCnnFit.Epoch> curve = PixelCnnFit.fit(prior, trainCodes, train.size(), testCodes, test.size(),
            options.codePriorEpochs(), seed, folder.file(CODE_PRIOR_DIR), log::println);
        double rate = prior.rate(testCodes, test.size());
        s.put("code_prior_rate_pixelcnn", rate);
        s.put("test_nll_bound_pixelcnn", distortion + rate);
        s.put("code_prior_rate_ratio", rate / independent);
        s.put("code_prior_parameters", prior.parameterCount());
        s.put("code_prior_epochs", curve.size());
        List<Double> secs = new ArrayList<>();
        List<Double> testCurve = new ArrayList<>();
        for (PixelCnnFit.Epoch e : curve) {
          secs.add(e.seconds());
          testCurve.add(e.testRate());
        }
        s.put("code_prior_seconds_per_epoch", median(secs));
        s.put("code_prior_test_rate_curve", testCurve);
        log.printf("PixelCNN code prior: test rate %.2f nats per image (%.1f %% of the independent prior's), NLL bound %.2f%n", rate,
            100 * rate / independent, distortion + rate);
      }
    }
    return s;
  }

  /** The trained PixelCNN code prior of a run folder (restored from {@code code-prior/}). */
  public static PixelCnnPrior pixelCnn(VqVaeFamily.Options options, VqVae spec, int batchSize, RunFolder folder, PrintStream log) {
    Path dir = folder.file(CODE_PRIOR_DIR);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("run " + folder.dir() + " has code prior pixelcnn but no " + CODE_PRIOR_DIR
          + "/ folder: its training did not get past the VQ-VAE (continue it with --resume)");
    }
    PixelCnnPrior prior = PixelCnnPrior.create(options.pixelCnn(side(spec.positions()), batchSize), 0);
    try {
      prior.restore(dir, w -> log.println("warning: " + w));
      return prior;
    } catch (RuntimeException e) {
      prior.close();
      throw e;
    }
  }

  private static int side(int positions) {
    int side = (int) Math.round(Math.sqrt(positions));
    if (side * side != positions) {
      throw new IllegalArgumentException("--code-prior pixelcnn needs a square code map; this run's has " + positions
          + " positions (images whose height and width differ); use --code-prior independent");
    }
    return side;
  }

  private static double median(List<Double> v) {
    if (v.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = new ArrayList<>(v);
    java.util.Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  /** The VQ-VAE of a graph built by the vq-vae family (its model spec is always a {@link VqVae}). */
  static VqVae model(ModelGraph graph) {
    if (!(graph.spec() instanceof VqVae vq)) {
      throw new IllegalArgumentException("not a VQ-VAE graph: " + graph.spec().getClass().getSimpleName());
    }
    return vq;
  }
}
