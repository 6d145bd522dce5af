package dev.vaelab.examples;

import dev.vaelab.lab.run.MachineInfo;

import dev.vaelab.lab.data.DataSource;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.serve.ModelServer;
import dev.vaelab.core.serve.SavedModelServer;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainerConfig;
import dev.vaelab.gaussian.GaussianVae;
import dev.vaelab.gmm.CovarianceType;
import dev.vaelab.gmm.GaussianMixture;
import dev.vaelab.gmm.GaussianMixtureConfig;
import dev.vaelab.gmm.GaussianMixtureFit;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * B7 (serving latency): a fitted model answering calls in one warmed-up process — single-row calls,
 * then batched calls of {@code batchRows} rows; median and 99th-percentile latency of each, rows per
 * second of the batched ones.
 *
 * <ul>
 *   <li>the B1 VAE (784-400-20, trained one epoch on the data's first 10,000 training images):
 *       {@code encode} (E_q[z|y]) and {@code score} (the per-example ELBO with one z draw) through a
 *       {@link ModelServer} (a latency session for single rows, the default pools for batches);
 *   <li>the same VAE exported as a SavedModel and loaded back ({@link SavedModelServer}): {@code
 *       encode} ({@code vae_export_encode_*});
 *   <li>a Gaussian mixture, D = 50, K = 10, full covariance, fitted to 20,000 synthetic points:
 *       {@code predict_proba} and {@code score_samples} ({@link GaussianMixtureFit#predictProba},
 *       {@link GaussianMixtureFit#logLikelihoods}): plain Java for a few rows, the fit's cached graph
 *       for a batch.
 * </ul>
 *
 * The JSON keys are those of the peer {@code bench/peers/serve.py} (PyTorch eager under
 * {@code torch.no_grad()}, scikit-learn).
 */
final class BenchServe {
  /** What to run. */
  record Settings(String data, int singleCalls, int batchCalls, int batchRows, long seed) {}

  private BenchServe() {}

  static Map<String, Object> run(Settings s, PrintStream log) {
    if (s.singleCalls() < 100 || s.batchCalls() < 10 || s.batchRows() < 2) {
      throw new IllegalArgumentException("serve needs >= 100 single calls, >= 10 batched calls of >= 2 rows; got "
          + s.singleCalls() + ", " + s.batchCalls() + ", " + s.batchRows());
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("benchmark", "B7_serving");
    r.put("framework", MachineInfo.framework(""));
    r.put("single_calls", s.singleCalls());
    r.put("batch_calls", s.batchCalls());
    r.put("batch_rows", s.batchRows());
    vae(s, r, log);
    gmm(s, r, log);
    return r;
  }

  private static void vae(Settings s, Map<String, Object> r, PrintStream log) {
    DataSource.Splits splits = DataSource.load(s.data(), true, 10_000, s.batchRows());
    Dataset test = splits.test();
    try (ModelGraph g = ModelGraph.build(GaussianVae.builder().build(), Elbo.standard(), s.seed())) {
      log.println("B7: training the B1 VAE one epoch on " + splits.train().size() + " images ...");
      new Trainer(g, new TrainerConfig(1e-3, 128, s.seed(), false), null).fit(splits.train(), null, 1, List.of());
      int d = test.dimension();
      float[][] rows = new float[test.size()][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = test.row(i);
      }
      float[] batch = new float[s.batchRows() * d];
      for (int i = 0; i < s.batchRows(); i++) {
        System.arraycopy(rows[i % rows.length], 0, batch, i * d, d);
      }
      log.println("B7: VAE encode / score ...");
      try (ModelServer server = ModelServer.of(g)) {
        measure(r, "vae_encode", s, i -> server.encode(rows[i % rows.length], 1), i -> server.encode(batch, s.batchRows()));
        measure(r, "vae_score", s, i -> server.score(rows[i % rows.length], 1), i -> server.score(batch, s.batchRows()));
      }
      // the same model exported as `vaelab export` writes it, loaded back as a SavedModel
      java.nio.file.Path dir = null;
      try {
        dir = java.nio.file.Files.createTempDirectory("vaelab-bench-serve");
        java.nio.file.Path saved = dir.resolve("saved");
        org.tensorflow.SavedModelBundle.exporter(saved.toString()).withSession(g.session())
            .withSignatures(
                org.tensorflow.Signature.builder("encode").input("y", g.input()).output("posterior_mean", g.posteriorMean()).build(),
                org.tensorflow.Signature.builder("decode").input("z", g.latentInput()).output("mean", g.decodedMean()).build())
            .export();
        try (SavedModelServer exported = SavedModelServer.load(saved)) {
          log.println("B7: exported VAE encode ...");
          measure(r, "vae_export_encode", s, i -> exported.encode(rows[i % rows.length], 1), i -> exported.encode(batch, s.batchRows()));
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot export the benchmark's VAE to a temporary folder", e);
      } finally {
        if (dir != null) {
          try {
            dev.vaelab.core.io.AtomicFiles.deleteRecursively(dir);
          } catch (java.io.IOException e) {
            log.println("warning: could not delete " + dir);
          }
        }
      }
    }
  }

  private static void gmm(Settings s, Map<String, Object> r, PrintStream log) {
    int d = 50;
    int k = 10;
    Random random = new Random(s.seed());
    double[][] centres = new double[k][d];
    for (double[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = 3 * random.nextGaussian();
      }
    }
    double[][] x = new double[20_000][d];
    for (double[] row : x) {
      double[] c = centres[random.nextInt(k)];
      for (int j = 0; j < d; j++) {
        row[j] = c[j] + random.nextGaussian();
      }
    }
    log.println("B7: fitting the mixture (D = 50, K = 10, full) ...");
    try (GaussianMixtureFit fit = new GaussianMixture(GaussianMixtureConfig.of(k).withCovarianceType(CovarianceType.FULL)
        .withMaxIterations(100).withSeed(s.seed())).fit(x)) {
      double[][] batch = Arrays.copyOf(x, s.batchRows());
      double[][][] single = new double[x.length][][];
      for (int i = 0; i < x.length; i++) {
        single[i] = new double[][] {x[i]};
      }
      log.println("B7: mixture predict_proba / score_samples ...");
      measure(r, "gmm_predict_proba", s, i -> fit.predictProba(single[i % single.length]), i -> fit.predictProba(batch));
      measure(r, "gmm_score_samples", s, i -> fit.logLikelihoods(single[i % single.length]), i -> fit.logLikelihoods(batch));
      r.put("gmm_iterations", fit.iterations());
    }
  }

  /** Warms up, then times single-row and batched calls; adds {prefix}_single_median_ms, _p99_ms, _batch_*. */
  private static void measure(Map<String, Object> r, String prefix, Settings s, IntConsumer single, IntConsumer batched) {
    for (int i = 0; i < Math.min(2000, s.singleCalls()); i++) {
      single.accept(i);
    }
    long[] t = new long[s.singleCalls()];
    for (int i = 0; i < t.length; i++) {
      long t0 = System.nanoTime();
      single.accept(i);
      t[i] = System.nanoTime() - t0;
    }
    r.put(prefix + "_single_median_ms", ms(percentile(t, 0.5)));
    r.put(prefix + "_single_p99_ms", ms(percentile(t, 0.99)));
    for (int i = 0; i < Math.min(20, s.batchCalls()); i++) {
      batched.accept(i);
    }
    long[] b = new long[s.batchCalls()];
    long total = 0;
    for (int i = 0; i < b.length; i++) {
      long t0 = System.nanoTime();
      batched.accept(i);
      b[i] = System.nanoTime() - t0;
      total += b[i];
    }
    r.put(prefix + "_batch_median_ms", ms(percentile(b, 0.5)));
    r.put(prefix + "_batch_p99_ms", ms(percentile(b, 0.99)));
    r.put(prefix + "_batch_rows_per_s", Math.round((double) s.batchRows() * b.length / (total / 1e9)));
  }

  /** The q-quantile of the times (nearest rank). */
  static long percentile(long[] times, double q) {
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 1e3) / 1e3;
  }
}
