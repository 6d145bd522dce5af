package dev.vaelab.spark;

import dev.vaelab.lab.run.MachineInfo;

import dev.vaelab.core.io.AtomicFiles;
import dev.vaelab.core.io.Json;
import dev.vaelab.core.train.DataParallelStep;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.graph.GraphFamily;
import dev.vaelab.lab.Lab;
import dev.vaelab.lab.run.ModelFamilies;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.gmm.CovarianceType;
import dev.vaelab.gmm.EmStatistics;
import dev.vaelab.gmm.GaussianMixture;
import dev.vaelab.gmm.GaussianMixtureConfig;
import dev.vaelab.gmm.GaussianMixtureFit;
import dev.vaelab.gmm.MixtureParameters;
import dev.vaelab.gmm.PartitionedEm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vaelab spark bench em|train}: the scale figures of the Spark module, one JSON line per
 * measurement (printed as measured, and all written to {@code --out} at the end, atomically).
 *
 * <ul>
 *   <li>{@code em}: seconds per EM iteration against N for D = 2 and 50, K = 16, full covariance —
 *       vaelab-spark (this JVM's Spark, e.g. local[2]), gmm-em on one machine, Spark MLlib's
 *       {@code GaussianMixture} — on the same rows from the same start, with the mean log-likelihood
 *       each reaches (judged by the same plain-Java scorer).
 *   <li>{@code train}: data-parallel training throughput (examples/s) against the number of workers,
 *       beside {@code vaelab train} in one process, on the same data and model.
 * </ul>
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Scale benchmarks of the Spark module, JSON lines: em (EM s/iteration vs N against gmm-em and MLlib) or train (examples/s vs workers).",
        "--out is rewritten after every measurement."})
final class SparkBenchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "WHAT", description = "em or train")
  String what;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default ${DEFAULT-VALUE}).")
  String master = "local[2]";

  @Option(names = "--sizes", split = ",", paramLabel = "N", description = "em: numbers of points (default ${DEFAULT-VALUE}).")
  List<Long> sizes = List.of(100_000L, 1_000_000L);

  @Option(names = "--dims", split = ",", paramLabel = "D", description = "em: dimensions (default ${DEFAULT-VALUE}).")
  List<Integer> dims = List.of(2, 50);

  @Option(names = "--components", paramLabel = "K", description = "em: mixture components (default ${DEFAULT-VALUE}).")
  int components = 16;

  @Option(names = "--iterations", paramLabel = "T", description = "em: EM iterations timed, each system (default ${DEFAULT-VALUE}).")
  int iterations = 5;

  @Option(names = "--systems", split = ",", description = "em: systems to time (default ${DEFAULT-VALUE}).")
  List<String> systems = List.of("vaelab-spark", "gmm-em", "mllib");

  @Option(names = "--workers", split = ",", paramLabel = "W", description = "train: worker counts (default ${DEFAULT-VALUE}).")
  List<Integer> workers = List.of(1, 2);

  @Option(names = "--epochs", description = "train: epochs per run (default ${DEFAULT-VALUE}; the first is not timed).")
  int epochs = 3;

  @Option(names = "--every", description = "train: H of the parameter-averaging runs (default ${DEFAULT-VALUE}).")
  int every = 10;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "JSON lines file.")
  Path out;

  @Override
  public Integer call() {
    List<Map<String, Object>> lines = new ArrayList<>();
    // gmm-em's rows are collected to the driver (4 GB at N = 10^7, D = 50): no cap on collected results
    System.setProperty("spark.driver.maxResultSize", System.getProperty("spark.driver.maxResultSize", "0"));
    try (SparkContexts.Use use = SparkContexts.use(master, "vaelab spark bench")) {
      JavaSparkContext jsc = SparkContexts.java(use.session());
      switch (what) {
        case "em" -> em(jsc, lines);
        case "train" -> train(jsc, lines);
        default -> throw new IllegalArgumentException("vaelab spark bench: WHAT must be em or train, got '" + what + "'");
      }
    }
    return 0;
  }

  /** Prints a measurement and rewrites --out with every line so far (atomically: a crash later loses nothing measured). */
  private void emit(List<Map<String, Object>> lines, Map<String, Object> m) {
    m.put("machine", dev.vaelab.lab.run.MachineInfo.describe());
    lines.add(m);
    System.out.println(Json.writeLine(m));
    StringBuilder b = new StringBuilder();
    for (Map<String, Object> line : lines) {
      b.append(Json.writeLine(line)).append("\n");
    }
    AtomicFiles.writeString(out, b.toString());
  }

  /** Row i of the benchmark data: K blobs in D dimensions, the same for every system (seeded by i). */
  static double[] row(long i, int d, int k) {
    SplittableRandom r = new SplittableRandom(0x5eed_0000L + i);
    int c = (int) (i % k);
    SplittableRandom centres = new SplittableRandom(0xc0ffeeL + c);
    double[] y = new double[d];
    double scale = 0.5 + c / (double) k;
    for (int j = 0; j < d; j++) {
      y[j] = 20 * centres.nextDouble() - 10 + scale * gaussian(r);
    }
    return y;
  }

  private static double gaussian(SplittableRandom r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  private void em(JavaSparkContext jsc, List<Map<String, Object>> lines) {
    int parts = jsc.defaultParallelism() * 2;
    for (int d : dims) {
      for (long n : sizes) {
        List<long[]> ranges = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
          ranges.add(new long[] {n * p / parts, n * (p + 1) / parts});
        }
        int k = components;
        JavaRDD<double[]> rows = jsc.parallelize(ranges, parts).flatMap(rg -> {
          List<double[]> out = new ArrayList<>((int) (rg[1] - rg[0]));
          for (long i = rg[0]; i < rg[1]; i++) {
            out.add(row(i, d, k));
          }
          return out.iterator();
        }).cache();
        rows.count();
        // one start for all: gmm-em's k-means++ start and one EM step on the first 20,000 rows
        double[][] head = new double[(int) Math.min(n, 20_000)][];
        for (int i = 0; i < head.length; i++) {
          head[i] = row(i, d, k);
        }
        GaussianMixtureConfig base = GaussianMixtureConfig.of(k).withCovarianceType(CovarianceType.FULL).withSeed(1);
        MixtureParameters start;
        try (GaussianMixtureFit f = new GaussianMixture(base.withMaxIterations(1)).fit(head)) {
          start = f.parameters();
        }
        GaussianMixtureConfig cfg = base.withInitialParameters(start).withMaxIterations(iterations).withTolerance(0);
        PartitionedEm.Data judge = SparkGaussianMixture.data(rows, cfg);
        for (String system : systems) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("bench", "spark-em");
          m.put("system", system);
          m.put("n", n);
          m.put("d", d);
          m.put("k", k);
          m.put("covariance", "full");
          m.put("iterations", iterations);
          m.put("master", jsc.master());
          long t0 = System.nanoTime();
          MixtureParameters fitted;
          switch (system) {
            case "vaelab-spark" -> fitted = SparkGaussianMixture.fit(rows, cfg).parameters();
            case "gmm-em" -> {
              double[][] x = rows.collect().toArray(new double[0][]);
              t0 = System.nanoTime(); // the fit, not the collect
              try (GaussianMixtureFit f = new GaussianMixture(cfg).fit(x)) {
                fitted = f.parameters();
              }
            }
            case "mllib" -> {
              var vectors = MllibMixture.vectors(rows);
              t0 = System.nanoTime(); // the fit, not the conversion to MLlib's vectors
              fitted = MllibMixture.fit(vectors, start, iterations);
              vectors.unpersist(false);
            }
            default -> throw new IllegalArgumentException("--systems: unknown system '" + system + "' (vaelab-spark, gmm-em, mllib)");
          }
          double secs = (System.nanoTime() - t0) / 1e9;
          EmStatistics s = judge.pass(fitted);
          m.put("seconds", secs);
          m.put("seconds_per_iteration", secs / iterations);
          m.put("mean_loglik", s.logLikelihoodSum() / s.rows());
          emit(lines, m);
        }
        rows.unpersist();
      }
    }
  }

  private void train(JavaSparkContext jsc, List<Map<String, Object>> lines) {
    GraphFamily<?> family = (GraphFamily<?>) ModelFamilies.named(ModelFamilies.DEFAULT);
    RunSpec spec = RunSpec.defaults(family);
    spec = spec.withTraining(spec.training().with("epochs", epochs).with("nllK", 0).with("nllExamples", 1));
    DataSource.Splits data = family.splits(spec);
    RunSpec recorded = family.recorded(spec, data);
    int n = data.train().size();
    int d = data.train().dimension();
    float[] rows = new float[n * d];
    data.train().copyRange(0, n, rows);
    // one process, vaelab train
    Path tmp;
    try {
      tmp = java.nio.file.Files.createTempDirectory("vaelab-bench-train");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    java.io.PrintStream quiet = new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true);
    Map<String, Object> single = Lab.train(spec, tmp.resolve("one"), false, quiet).toMap();
    List<dev.vaelab.core.train.EpochMetrics> ms = dev.vaelab.core.train.MetricsFiles.read(tmp.resolve("one"));
    double secs = 0;
    for (int e = 1; e < ms.size(); e++) {
      secs += ms.get(e).seconds();
    }
    Map<String, Object> m0 = new LinkedHashMap<>();
    m0.put("bench", "spark-train");
    m0.put("system", "vaelab train (one process)");
    m0.put("workers", 1);
    m0.put("examples_per_second", n * (ms.size() - 1) / secs);
    m0.put("test_elbo", single.get("test_elbo"));
    emit(lines, m0);
    for (SparkDataParallel.Sync sync : SparkDataParallel.Sync.values()) {
      for (int w : workers) {
        SparkDataParallel.Settings s = new SparkDataParallel.Settings(w, sync, sync == SparkDataParallel.Sync.PARAMETERS ? every : 1,
            DataParallelStep.Optimizer.ADAM, true);
        SparkDataParallel.Result r = SparkDataParallel.train(jsc, recorded, rows, n, d, s);
        double t = 0;
        long seen = 0;
        for (int e = 1; e < r.epochs().size(); e++) { // the first epoch carries the start-up
          t += r.epochs().get(e).seconds();
          seen += r.epochs().get(e).rows();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bench", "spark-train");
        m.put("system", "vaelab-spark " + jsc.master());
        m.put("workers", w);
        m.put("sync", sync.name().toLowerCase(Locale.ROOT));
        m.put("every", s.every());
        m.put("examples_per_second", seen / t);
        m.put("last_train_loss", r.epochs().get(r.epochs().size() - 1).loss());
        emit(lines, m);
      }
    }
  }
}
