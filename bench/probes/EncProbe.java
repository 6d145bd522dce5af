import dev.vaelab.core.graph.*;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.gaussian.GaussianVae;
import java.util.*;
import org.tensorflow.*;
public class EncProbe {
  public static void main(String[] a) throws Exception {
    try (ModelGraph g = ModelGraph.build(GaussianVae.builder().build(), Elbo.standard(), 0)) {
      if (a.length > 0) {
        var cb = org.tensorflow.proto.ConfigProto.newBuilder().setIntraOpParallelismThreads(Integer.parseInt(a[0])).setInterOpParallelismThreads(Integer.parseInt(a[1])).setUsePerSessionThreads(a.length > 2);
        var f = ModelGraph.class.getDeclaredField("session"); f.setAccessible(true);
        f.set(g, new Session(g.graph(), cb.build()));
      }
      float[] row = new float[784];
      for (int i = 0; i < 784; i += 3) row[i] = 1;
      for (int rep = 0; rep < 3; rep++) {
        long[] t = new long[5000];
        for (int i = 0; i < t.length; i++) { long t0 = System.nanoTime(); g.encodeMean(row, 1); t[i] = System.nanoTime() - t0; }
        Arrays.sort(t);
        System.out.printf("median %.3f ms p99 %.3f%n", t[2500] / 1e6, t[4950] / 1e6);
      }
    }
  }
}
