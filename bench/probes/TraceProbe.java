import dev.vaelab.core.data.*;
import dev.vaelab.core.graph.*;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.train.*;
import dev.vaelab.gaussian.GaussianVae;
import java.nio.file.*;
import java.util.*;
import org.tensorflow.*;
import org.tensorflow.proto.*;

public class TraceProbe {
  public static void main(String[] a) throws Exception {
    Dataset train = FashionMnist.load(Path.of(System.getenv().getOrDefault("VAELAB_DATA", "/usr/share/datasets/fashion-mnist")), FashionMnist.Split.TRAIN).binarized(0.5);
    try (ModelGraph g = ModelGraph.build(GaussianVae.builder().build(), Elbo.standard(), 0)) {
      Trainer t = new Trainer(g, TrainerConfig.defaults(), null);
      t.fit(train.head(12800), null, 1, List.of());
      Operation step = g.graph().operation("train_step");
      float[] buf = new float[128 * 784];
      train.copyRange(0, 128, buf);
      Map<String, Long> byOp = new TreeMap<>();
      Map<String, Long> byName = new HashMap<>();
      long wall = 0; int runs = 200;
      try (var y = Feeds.matrix(buf, 128, 784)) {
        for (int i = 0; i < runs; i++) {
          var runner = g.session().runner().feed(g.input(), y).addTarget(step)
              .setOptions(RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build());
          long t0 = System.nanoTime();
          Result r = runner.runAndFetchMetadata();
          wall += System.nanoTime() - t0;
          RunMetadata md = r.getMetadata().get();
          r.close();
          long first = Long.MAX_VALUE, last = 0;
          for (var dev : md.getStepStats().getDevStatsList()) for (var ns : dev.getNodeStatsList()) {
            long us = ns.getOpEndRelMicros() - ns.getOpStartRelMicros();
            String op = ns.getTimelineLabel().replaceAll(".*= ", "").replaceAll("\\(.*", "");
            byOp.merge(op, us, Long::sum);
            byName.merge(ns.getNodeName(), us, Long::sum);
          }
        }
      }
      System.out.printf("wall per run (traced) %.3f ms%n", wall / 1e6 / runs);
      long total = byOp.values().stream().mapToLong(x -> x).sum();
      System.out.printf("sum op time per run %.3f ms%n", total / 1e3 / runs);
      byOp.entrySet().stream().sorted((x, y2) -> Long.compare(y2.getValue(), x.getValue())).limit(25)
          .forEach(e -> System.out.printf("%-30s %.3f ms%n", e.getKey(), e.getValue() / 1e3 / runs));
      System.out.println("--- top nodes");
      byName.entrySet().stream().sorted((x, y2) -> Long.compare(y2.getValue(), x.getValue())).limit(25)
          .forEach(e -> System.out.printf("%-70s %.3f ms%n", e.getKey(), e.getValue() / 1e3 / runs));
      System.out.println("nodes per run " + byName.size());
    }
  }
}
