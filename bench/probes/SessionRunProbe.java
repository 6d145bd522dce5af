import dev.vaelab.core.data.*;
import dev.vaelab.core.graph.*;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.train.*;
import dev.vaelab.gaussian.GaussianVae;
import java.nio.file.*;
import java.util.List;
import org.tensorflow.Result;

/** Resident-memory probe for repeated Session.run calls (see docs/reliability.md). Usage: java -cp <examples classpath>:. SessionRunProbe forward|reuse|tensoronly|noop|fit|encode */
public class SessionRunProbe {
  static long rss() throws Exception {
    for (String l : Files.readAllLines(Path.of("/proc/self/status"))) if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
    return -1;
  }
  public static void main(String[] a) throws Exception {
    Dataset train = FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN).head(1280).binarized(0.5);
    String mode = a[0];
    org.tensorflow.types.TFloat32 shared = null;
    try (ModelGraph g = ModelGraph.build(GaussianVae.builder().build(), Elbo.standard(), 0)) {
      Trainer t = new Trainer(g, TrainerConfig.defaults(), null);
      float[] buf = new float[128 * 784];
      train.copyRange(0, 128, buf);
      for (int i = 0; i <= 20000; i++) {
        if (mode.equals("fit")) {
          if (i % 10 == 0) t.fit(train, null, 1, List.of());
        } else if (mode.equals("forward")) {
          try (var y = Feeds.matrix(buf, 128, 784); Result r = g.session().runner().feed(g.input(), y).fetch(g.loss().total()).run()) { }
        } else if (mode.equals("reuse")) {
          if (shared == null) shared = Feeds.matrix(buf, 128, 784);
          try (Result r = g.session().runner().feed(g.input(), shared).fetch(g.loss().total()).run()) { }
        } else if (mode.equals("tensoronly")) {
          try (var y = Feeds.matrix(buf, 128, 784)) { }
        } else if (mode.equals("noop")) {
          try (Result r = g.session().runner().fetch(g.graph().operation("global_step_read").output(0)).run()) { }
        } else if (mode.equals("encode")) {
          g.encodeMean(buf, 128);
        }
        if (i % 4000 == 0) System.out.println(mode + " " + i + " rss " + rss() + " MB");
      }
    }
  }
}
