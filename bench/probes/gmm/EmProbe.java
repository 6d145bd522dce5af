package dev.vaelab.gmm;
import java.util.*;
import org.tensorflow.*;
import org.tensorflow.proto.*;
public class EmProbe {
  public static void main(String[] a) throws Exception {
    int n = 60000, d = 50, k = 10;
    Random r = new Random(0);
    double[][] x = new double[n][d];
    for (double[] row : x) for (int j = 0; j < d; j++) row[j] = r.nextGaussian() * (1 + j % 5);
    CovarianceType type = CovarianceType.valueOf(a[0]);
    GaussianMixtureFit fit = new GaussianMixture(GaussianMixtureConfig.of(k).withCovarianceType(type).withMaxIterations(3).withSeed(0)).fit(x);
    try (EmGraph g = new EmGraph(k, d, type); EmGraph.Data data = g.data(x)) {
      for (int rep = 0; rep < 3; rep++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < 5; i++) g.run(data, fit.parameters(), true);
        System.out.printf("%s blocks=%d per iteration %.1f ms%n", type, data.blocks.size(), (System.nanoTime() - t0) / 1e6 / 5);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < 5; i++) g.run(data, fit.parameters(), false);
      System.out.printf("E-step only %.1f ms%n", (System.nanoTime() - t0) / 1e6 / 5);
      t0 = System.nanoTime();
      for (int i = 0; i < 5; i++) g.feeds(fit.parameters());
      System.out.printf("feeds %.1f ms%n", (System.nanoTime() - t0) / 1e6 / 5);
    }
  }
}
