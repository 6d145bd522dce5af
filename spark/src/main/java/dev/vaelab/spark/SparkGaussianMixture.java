package dev.vaelab.spark;

import dev.vaelab.gmm.CovarianceType;
import dev.vaelab.gmm.EmStatistics;
import dev.vaelab.gmm.GaussianMixtureConfig;
import dev.vaelab.gmm.GaussianMixtureFit;
import dev.vaelab.gmm.MixtureParameters;
import dev.vaelab.gmm.PartitionedEm;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * Gaussian-mixture EM over a Spark RDD of rows: each iteration broadcasts the parameters and sums
 * gmm-em's {@link EmStatistics} over the partitions with {@code treeAggregate} (one distributed
 * pass; the E-step per row is gmm-em's, in log space), then runs gmm-em's M-step on the driver.
 * From the same start it follows the single-machine fit ({@link PartitionedEm}).
 */
public final class SparkGaussianMixture {
  /** Depth of the aggregation tree. */
  public static final int TREE_DEPTH = 2;

  private SparkGaussianMixture() {}

  /**
   * Fits from the start {@code config.initialParameters()} (required).
   *
   * @param rows the data, each row of the mixture's dimension; cached by the caller for speed
   */
  public static GaussianMixtureFit fit(JavaRDD<double[]> rows, GaussianMixtureConfig config) {
    MixtureParameters start = config.initialParameters();
    if (start == null) {
      throw new IllegalArgumentException("the distributed fit starts from given parameters (GaussianMixtureConfig.withInitialParameters)");
    }
    int k = start.components();
    int d = start.dimension();
    CovarianceType type = config.covarianceType();
    double[] centre = mean(rows, d);
    return PartitionedEm.fit(config, start, p -> {
      Broadcast<MixtureParameters> b = rows.context().broadcast(p, scala.reflect.ClassTag$.MODULE$.apply(MixtureParameters.class));
      try {
        return rows.mapPartitions(it -> {
          EmStatistics.Scorer s = EmStatistics.scorer(b.value(), type);
          EmStatistics part = new EmStatistics(k, d, type, centre);
          while (it.hasNext()) {
            part.add(it.next(), s);
          }
          return java.util.List.of(part).iterator();
        }).treeAggregate(new EmStatistics(k, d, type, centre), EmStatistics::merge, EmStatistics::merge, TREE_DEPTH);
      } finally {
        b.destroy();
      }
    });
  }

  /** The column means of the rows (one distributed pass, summed by partition in order). */
  static double[] mean(JavaRDD<double[]> rows, int d) {
    double[] sum = rows.treeAggregate(new double[d + 1], (acc, r) -> {
      for (int j = 0; j < d; j++) {
        acc[j] += r[j];
      }
      acc[d] += 1;
      return acc;
    }, (a, b) -> {
      for (int j = 0; j <= d; j++) {
        a[j] += b[j];
      }
      return a;
    }, TREE_DEPTH);
    double[] m = new double[d];
    for (int j = 0; j < d; j++) {
      m[j] = sum[j] / sum[d];
    }
    return m;
  }
}
