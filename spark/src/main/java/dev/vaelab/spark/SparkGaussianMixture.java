package dev.vaelab.spark;

import dev.vaelab.gmm.BlockStatistics;
import dev.vaelab.gmm.CovarianceType;
import dev.vaelab.gmm.EmStatistics;
import dev.vaelab.gmm.GaussianMixtureConfig;
import dev.vaelab.gmm.GaussianMixtureFit;
import dev.vaelab.gmm.MixtureParameters;
import dev.vaelab.gmm.PartitionedEm;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import scala.reflect.ClassTag$;

/**
 * Gaussian-mixture EM over a Spark RDD of rows that no single machine needs to hold. Each EM
 * iteration is one distributed pass: the parameters are broadcast, every partition sums gmm-em's
 * {@link EmStatistics} of its rows — N_n = Σ r_n, Σ r_n y, Σ r_n (y − c)(y − c)ᵀ about the data mean c,
 * Σ ln p(y), the entropy of r — with gmm-em's own float64 graph ({@link BlockStatistics}: the E-step in
 * log space with log-sum-exp, the sums as matrix products; one graph per executor thread, reused),
 * the partial sums are combined with {@code treeAggregate} (depth {@link #TREE_DEPTH}), and the driver
 * takes gmm-em's M-step (its regularisation ε·I, its handling of empty components). Restarts,
 * convergence rule and the start are gmm-em's {@link PartitionedEm}: parameters given, or a seeded
 * sample clustered by k-means followed by one hard-assignment pass over all rows.
 *
 * <p>What travels per iteration: the broadcast parameters (K(D² + D + 1) doubles) out and one
 * {@code EmStatistics} per partition in (K(D² + D + 1) + 3 doubles; K(2D + 1) + 3 for the diagonal
 * forms). From the same start the fit follows {@code GaussianMixture.fit} to rounding.
 *
 * <pre>{@code
 * JavaRDD<double[]> rows = ...;   // cache() it: EM passes over it once per iteration
 * GaussianMixtureFit fit = SparkGaussianMixture.fit(rows, GaussianMixtureConfig.of(16)
 *     .withCovarianceType(CovarianceType.FULL));
 * }</pre>
 */
public final class SparkGaussianMixture {
  /** Depth of the aggregation tree. */
  public static final int TREE_DEPTH = 2;

  private SparkGaussianMixture() {}

  /**
   * Fits a mixture to the rows (each of the same dimension, finite): from the configuration's
   * initial parameters when given, otherwise from a seeded-sample k-means start per restart.
   *
   * @param rows the data; cache it (and count it once) for speed — EM reads it once per iteration
   */
  public static GaussianMixtureFit fit(JavaRDD<double[]> rows, GaussianMixtureConfig config) {
    return PartitionedEm.fit(config, data(rows, config));
  }

  /** The RDD as gmm-em's {@link PartitionedEm.Data}: its passes are Spark jobs. */
  public static PartitionedEm.Data data(JavaRDD<double[]> rows, GaussianMixtureConfig config) {
    int k = config.components();
    CovarianceType type = config.covarianceType();
    Moments m = moments(rows);
    int d = m.mean().length;
    if (m.count() < k) {
      throw new IllegalArgumentException("number of components K = " + k + " is larger than the number of rows N = " + m.count());
    }
    if (config.initialParameters() != null && config.initialParameters().dimension() != d) {
      throw new IllegalArgumentException("initialParameters have dimension " + config.initialParameters().dimension() + ", the rows have " + d);
    }
    double[] centre = m.mean();
    return new PartitionedEm.Data() {
      @Override
      public EmStatistics pass(MixtureParameters current) {
        Broadcast<MixtureParameters> b = rows.context().broadcast(current, ClassTag$.MODULE$.apply(MixtureParameters.class));
        try {
          return rows.mapPartitions(it -> {
            List<double[]> part = new java.util.ArrayList<>();
            it.forEachRemaining(part::add);
            return List.of(blockStatistics(k, d, type).of(part.toArray(new double[0][]), b.value(), centre)).iterator();
          }).treeAggregate(new EmStatistics(k, d, type, centre), EmStatistics::merge, EmStatistics::merge, TREE_DEPTH);
        } finally {
          b.destroy();
        }
      }

      @Override
      public EmStatistics hardPass(double[][] centres) {
        return rows.mapPartitions(it -> {
          EmStatistics part = new EmStatistics(k, d, type, centre);
          while (it.hasNext()) {
            double[] y = it.next();
            part.addHard(y, EmStatistics.nearest(y, centres));
          }
          return List.of(part).iterator();
        }).treeAggregate(new EmStatistics(k, d, type, centre), EmStatistics::merge, EmStatistics::merge, TREE_DEPTH);
      }

      @Override
      public double[][] sample(int size, long seed) {
        List<double[]> s = rows.takeSample(false, (int) Math.min(size, m.count()), seed);
        return s.toArray(new double[0][]);
      }
    };
  }

  /** Each executor thread's graph per (K, D, type): built once, reused by every partition and iteration it runs. */
  private static final ThreadLocal<java.util.Map<String, BlockStatistics>> GRAPHS = ThreadLocal.withInitial(java.util.HashMap::new);

  static BlockStatistics blockStatistics(int k, int d, CovarianceType type) {
    return GRAPHS.get().computeIfAbsent(k + "/" + d + "/" + type, key -> new BlockStatistics(k, d, type));
  }

  /** Row count and column means, checked: every row of one dimension, every value finite. */
  record Moments(long count, double[] mean) {}

  /** One distributed pass: count, dimension check, finiteness check and column means. */
  static Moments moments(JavaRDD<double[]> rows) {
    double[] first = rows.first();
    int d = first.length;
    if (d == 0) {
      throw new IllegalArgumentException("rows have no values");
    }
    double[] sum = rows.treeAggregate(new double[d + 1], (acc, r) -> {
      if (r.length != d) {
        throw new IllegalArgumentException("a row has " + r.length + " values, expected " + d + " like the first");
      }
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(r[j])) {
          throw new IllegalArgumentException("a row has the non-finite value " + r[j] + " in column " + (j + 1));
        }
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
    double[] mean = new double[d];
    for (int j = 0; j < d; j++) {
      mean[j] = sum[j] / sum[d];
    }
    return new Moments((long) sum[d], mean);
  }
}
