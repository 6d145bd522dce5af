import dev.vaelab.core.data.*;
import dev.vaelab.core.graph.*;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.train.*;
import dev.vaelab.gaussian.GaussianVae;
import java.nio.file.*;
import java.util.*;
import org.tensorflow.*;

public class RunProbe {
  public static void main(String[] a) throws Exception {
    Dataset train = FashionMnist.load(Path.of(System.getenv().getOrDefault("VAELAB_DATA", "/usr/share/datasets/fashion-mnist")), FashionMnist.Split.TRAIN).binarized(0.5);
    try (ModelGraph g = ModelGraph.build(GaussianVae.builder().build(), Elbo.standard(), 0)) {
      Trainer t = new Trainer(g, TrainerConfig.defaults(), null);
      if (a.length > 0) {
        var cb = org.tensorflow.proto.ConfigProto.newBuilder().setIntraOpParallelismThreads(Integer.parseInt(a[0])).setInterOpParallelismThreads(Integer.parseInt(a[1])).setUsePerSessionThreads(true);
        var f = ModelGraph.class.getDeclaredField("session"); f.setAccessible(true);
        f.set(g, new Session(g.graph(), cb.build()));
      }
      t.fit(train, null, 1, List.of());
      int[] order = Dataset.permutation(train.size(), new Random(1));
      String[] targets = {"train_step", "step_terms", "objective/Mean"};
      for (int rep = 0; rep < 2; rep++)
      for (String target : targets) {
        long t0 = System.nanoTime();
        int runs = 400;
        for (int i = 0; i < runs; i++) {
          List<Tensor> fed = new ArrayList<>();
          var r = g.session().runner();
          g.resident().feedIndices(r, order, (i % 400) * 128, 128, fed);
          if (target.equals("train_step")) r.addTarget(target); else r.fetch(target);
          try (Result res = r.run()) {}
          fed.forEach(Tensor::close);
        }
        System.out.printf("%s %.3f ms%n", target, (System.nanoTime() - t0) / 1e6 / runs);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < 2000; i++) try (Result res = g.session().runner().fetch("global_step_read").run()) {}
      System.out.printf("trivial run %.3f ms%n", (System.nanoTime() - t0) / 1e6 / 2000);
    }
  }
}
