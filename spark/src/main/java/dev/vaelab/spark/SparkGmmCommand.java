package dev.vaelab.spark;

import dev.vaelab.examples.DataSettings;
import dev.vaelab.examples.GmmFamily;
import dev.vaelab.examples.ModelFamilies;
import dev.vaelab.examples.RunFolder;
import dev.vaelab.examples.RunSpec;
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
 * trace.csv, summary.json with {@code train_loglik} and {@code engine}).
 */
@Command(name = "gmm", mixinStandardHelpOptions = true,
    description = {"Fit a Gaussian mixture by EM distributed over Spark and write a run folder as `vaelab train --model gmm` does.",
        "The data are read by vaelab's readers on the driver and spread over --partitions partitions; EM's passes run on the executors."})
final class SparkGmmCommand implements Callable<Integer> {
  @Mixin MasterOption spark = new MasterOption();

  @Option(names = "--partitions", paramLabel = "P", description = "Partitions of the training rows (default: Spark's default parallelism).")
  Integer partitions;

  @Mixin DataSettings.Cli data;

  @Mixin GmmFamily.Cli gmm;

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
    RunSpec spec = new RunSpec(family, data.toSettings(), null, gmm.toOptions());
    Path dir = out != null ? out : RunFolder.defaultPath(family.name());
    SparkContexts.Use use = SparkContexts.use(spark.master, "vaelab spark gmm");
    SparkSession session = use.session();
    try (use; RunFolder folder = RunFolder.create(dir, overwrite, w -> System.out.println("warning: " + w))) {
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
}
