package dev.vaelab.gmm;
import dev.vaelab.core.cluster.KMeans;
import java.util.*;
public class FitPhases {
  public static void main(String[] a) throws Exception {
    var m = Class.forName("dev.vaelab.examples.GmmFeatures").getDeclaredMethod("load", Class.forName("dev.vaelab.examples.DataSettings"), int.class, Pca.class);
    m.setAccessible(true);
    var ds = Class.forName("dev.vaelab.examples.DataSettings").getDeclaredConstructors()[0];
    ds.setAccessible(true);
    Object split = m.invoke(null, ds.newInstance(System.getenv().getOrDefault("VAELAB_DATA", "/usr/share/datasets/fashion-mnist"), 0, 0, 0), 50, null);
    var tr = split.getClass().getDeclaredMethod("train"); tr.setAccessible(true);
    double[][] x = (double[][]) tr.invoke(split);
    var te = split.getClass().getDeclaredMethod("test"); te.setAccessible(true);
    double[][] xt = (double[][]) te.invoke(split);
    if (a[0].equals("bench")) {
      KMeans.labels(x, 10, new Random(0));
      long b0 = System.nanoTime();
      GaussianMixtureFit ff = new GaussianMixture(GaussianMixtureConfig.of(10).withCovarianceType(CovarianceType.FULL).withTolerance(1e-3).withMaxIterations(200).withRegularization(1e-6).withSeed(0)).fit(x);
      long b1 = System.nanoTime();
      ff.score(xt);
      long b2 = System.nanoTime();
      GaussianMixtureFit fd = null;
      long b3 = System.nanoTime();
      System.out.printf("bench order: full %.0f score %.0f diag %.0f ms%n", (b1-b0)/1e6, (b2-b1)/1e6, (b3-b2)/1e6);
      a = java.util.Arrays.copyOfRange(a, 1, a.length);
    }
    for (String tn : a) {
    CovarianceType type = CovarianceType.valueOf(tn);
    for (int rep = 0; rep < 1; rep++) {
      long t0 = System.nanoTime();
      DataChecks.validate(x, "x");
      long t1 = System.nanoTime();
      EmGraph g = new EmGraph(10, 50, type);
      long t2 = System.nanoTime();
      EmGraph.Data data = g.data(x);
      long t3 = System.nanoTime();
      int[] labels = KMeans.labels(x, 10, new Random(0));
      long t4 = System.nanoTime();
      MixtureParameters p = MStep.fromLabels(x, labels, 10, type, 1e-6, new double[10][50], DataChecks.variance(x));
      long t5 = System.nanoTime();
      int it = 0; double prev = Double.NaN;
      for (it = 1; it <= 200; it++) {
        EmGraph.Step s = g.run(data, p, true);
        double ll = s.sumLogLikelihood() / x.length;
        p = MStep.apply(s.counts(), s.newMeans(), s.scatter(), x.length, type, 1e-6, p);
        MStep.elbo(s.counts(), s.scatter(), s.entropySum(), x.length, p);
        if (it > 1 && Math.abs(ll - prev) < 1e-3) break;
        prev = ll;
      }
      long t6 = System.nanoTime();
      g.run(data, p, false);
      long t7 = System.nanoTime();
      data.close(); g.close();
      System.out.printf(type + " validate %.0f graph %.0f data %.0f kmeans %.0f init %.0f EM %.0f (%d it, %.1f/it) final %.0f ms%n",
          (t1-t0)/1e6, (t2-t1)/1e6, (t3-t2)/1e6, (t4-t3)/1e6, (t5-t4)/1e6, (t6-t5)/1e6, it, (t6-t5)/1e6/it, (t7-t6)/1e6);
    }
  }
}
}
