package dev.vaelab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.gmm.CovarianceType;
import dev.vaelab.gmm.GaussianMixture;
import dev.vaelab.gmm.GaussianMixtureConfig;
import dev.vaelab.gmm.GaussianMixtureFit;
import dev.vaelab.gmm.MixtureParameters;
import java.util.Arrays;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkGaussianMixtureTest {
  static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("vaelab-test").set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  @Test
  void theDistributedFitEqualsGmmEmFromTheSameStartForEveryCovarianceForm() {
    Random r = new Random(3);
    double[][] x = new double[2000][3];
    for (int i = 0; i < x.length; i++) {
      int c = i % 3;
      for (int j = 0; j < 3; j++) {
        x[i][j] = 4 * c * (j == 1 ? -1 : 1) + (1 + 0.4 * c) * r.nextGaussian();
      }
    }
    JavaRDD<double[]> rows = sc.parallelize(Arrays.asList(x), 4).cache();
    for (CovarianceType type : CovarianceType.values()) {
      GaussianMixtureConfig base = GaussianMixtureConfig.of(3).withCovarianceType(type).withSeed(1);
      MixtureParameters start;
      try (GaussianMixtureFit once = new GaussianMixture(base.withMaxIterations(1)).fit(x)) {
        start = once.parameters();
      }
      GaussianMixtureConfig cfg = base.withInitialParameters(start);
      try (GaussianMixtureFit single = new GaussianMixture(cfg).fit(x)) {
        GaussianMixtureFit spark = SparkGaussianMixture.fit(rows, cfg);
        assertThat(spark.iterations()).as(type.id()).isEqualTo(single.iterations());
        assertThat(spark.trainLogLikelihood()).as(type.id()).isCloseTo(single.trainLogLikelihood(), within(1e-9 * Math.abs(single.trainLogLikelihood())));
        for (int c = 0; c < 3; c++) {
          for (int i = 0; i < 3; i++) {
            double m = single.parameters().means()[c][i];
            assertThat(spark.parameters().means()[c][i]).isCloseTo(m, within(1e-9 * (1 + Math.abs(m))));
          }
        }
      }
    }
  }
}
