package dev.vaelab.spark;

import dev.vaelab.lab.families.gmm.GmmFiles;

import dev.vaelab.cli.SettingOptions;
import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.families.gmm.GmmFamily;
import dev.vaelab.lab.run.ModelFamilies;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vaelab spark gmm}: {@code vaelab train --model gmm} with EM's passes distributed over Spark
 * ({@link SparkGaussianMixture}); the same options and the same run folder (config.json, mixture.json,
 * trace.csv, summary.json with {@code train_loglik} and {@code engine}). With {@code --input} the rows
 * are a table read by the executors — never gathered on one machine — and every row is a training
 * row: the run folder then holds config.json, mixture.json, trace.csv and summary.json (no test split,
 * no images).
 */
@Command(name = "gmm", modelTransformer = SparkGmmCommand.Options.class, mixinStandardHelpOptions = true,
    description = {"Fit a Gaussian mixture by EM distributed over Spark and write a run folder as `vaelab train --model gmm` does.",
        "--data is read by vaelab's readers on the driver and spread over --partitions partitions; --input is a table (Parquet, JSON, CSV)"
            + " read by the executors, every row a training row. EM's passes run on the executors."})
final class SparkGmmCommand implements Callable<Integer> {
  /** The data settings and the mixture's options, from their declarations. */
  public static final class Options implements picocli.CommandLine.IModelTransformer {
    @Override
    public picocli.CommandLine.Model.CommandSpec transform(picocli.CommandLine.Model.CommandSpec spec) {
      SettingOptions.addTo(spec, DataSettings.class, DataSettings.defaults());
      SettingOptions.addTo(spec, GmmFamily.Options.class, GmmFamily.Options.defaults());
      return spec;
    }
  }

  @Mixin MasterOption spark = new MasterOption();

  @Option(names = "--partitions", paramLabel = "P", description = "Partitions of the training rows (default: Spark's default parallelism).")
  Integer partitions;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin InputTable table = new InputTable();

  @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default runs/gmm-<date>-<time>).")
  Path out;

  @Option(names = "--overwrite", description = "Replace the run already in --out.")
  boolean overwrite;

  @Override
  public Integer call() {
    if (partitions != null && partitions < 1) {
      throw new IllegalArgumentException("--partitions must be >= 1, got " + partitions);
    }
    GmmFamily family = (GmmFamily) ModelFamilies.named("gmm");
    RunSpec spec = new RunSpec(family, SettingOptions.read(this.spec, DataSettings.class, DataSettings.defaults()), null,
        SettingOptions.read(this.spec, GmmFamily.Options.class, family.defaults()));
    Path dir = out != null ? out : RunFolder.defaultPath(family.name());
    SparkContexts.Use use = SparkContexts.use(spark.master, "vaelab spark gmm");
    SparkSession session = use.session();
    try (use; RunFolder folder = RunFolder.create(dir, spec.family().name(), overwrite, w -> System.out.println("warning: " + w))) {
      if (table.given()) {
        fitTable(family, spec.withData(spec.data().withData(table.input)), folder, session);
        return 0;
      }
      var jsc = SparkContexts.java(session);
      int p = partitions != null ? partitions : jsc.defaultParallelism();
      String engine = "vaelab-spark " + session.sparkContext().master() + ", " + p + " partitions";
      family.train(spec, folder, System.out, (cfg, x) -> {
        JavaRDD<double[]> rows = jsc.parallelize(Arrays.asList(x), p).cache();
        try {
          return SparkGaussianMixture.fit(rows, cfg);
        } finally {
          rows.unpersist();
        }
      }, engine);
    }
    return 0;
  }

  /** EM over a table read by the executors; writes config.json, mixture.json, trace.csv, summary.json. */
  private void fitTable(GmmFamily family, RunSpec spec, RunFolder folder, SparkSession session) {
    JavaRDD<double[]> rows = table.read(session).select(table.column).javaRDD().map(r -> {
      java.util.List<Object> v = r.getList(0);
      double[] y = new double[v.size()];
      for (int j = 0; j < y.length; j++) {
        y[j] = ((Number) v.get(j)).doubleValue();
      }
      return y;
    }).cache();
    try {
      dev.vaelab.gmm.GaussianMixtureConfig cfg = family.emConfig(spec);
      folder.writeSpec(spec);
      System.out.printf("fitting a %d-component %s Gaussian mixture to the table %s on %s%n", cfg.components(), cfg.covarianceType().id(), table.input,
          session.sparkContext().master());
      long t0 = System.nanoTime();
      dev.vaelab.gmm.GaussianMixtureFit fit = SparkGaussianMixture.fit(rows, cfg);
      double secs = (System.nanoTime() - t0) / 1e9;
      long n = rows.count();
      dev.vaelab.gmm.MixtureJson.write(folder.file(dev.vaelab.lab.families.gmm.GmmFiles.MIXTURE), cfg.covarianceType(), fit.parameters());
      dev.vaelab.lab.families.gmm.GmmFiles.writeTrace(folder.file(dev.vaelab.lab.families.gmm.GmmFiles.TRACE), fit);
      java.util.Map<String, Object> s = new java.util.LinkedHashMap<>();
      s.put("model", family.name());
      s.put("dataset", table.input);
      s.put("engine", "vaelab-spark " + session.sparkContext().master() + ", " + rows.getNumPartitions() + " partitions");
      s.put("dimension", fit.parameters().dimension());
      s.put("train_examples", n);
      s.put("test_examples", 0);
      s.put("components", cfg.components());
      s.put("covariance", cfg.covarianceType().id());
      s.put("train_loglik", fit.trainLogLikelihood());
      s.put("iterations", fit.iterations());
      s.put("converged", fit.converged());
      s.put("tolerance", cfg.tolerance());
      s.put("restart_logliks", fit.restartLogLikelihoods());
      s.put("bic", -2 * fit.trainLogLikelihood() * n + fit.parameterCount() * Math.log(n));
      s.put("parameters", fit.parameterCount());
      s.put("fit_seconds", secs);
      s.put("weights", fit.parameters().weights());
      folder.writeSummary(s);
      System.out.printf(java.util.Locale.ROOT, "%d EM iterations (%s), train log-likelihood %.4f nats per example over %d rows; run folder %s%n",
          fit.iterations(), fit.converged() ? "converged" : "not converged", fit.trainLogLikelihood(), n, folder.dir());
    } finally {
      rows.unpersist();
    }
  }
}
