import dev.vaelab.core.data.*;
import dev.vaelab.core.graph.*;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.train.*;
import dev.vaelab.gaussian.GaussianVae;
import java.nio.file.*;
import java.util.List;
import org.tensorflow.*;
import org.tensorflow.proto.*;
/** Alternates session configurations epoch by epoch on one dataset: prints median seconds per epoch for each. */
public class EpochAB {
  public static void main(String[] a) throws Exception {
    Dataset train = FashionMnist.load(Path.of(System.getenv().getOrDefault("VAELAB_DATA", "/usr/share/datasets/fashion-mnist")), FashionMnist.Split.TRAIN).binarized(0.5);
    String[] cfgs = a;
    ModelGraph[] gs = new ModelGraph[cfgs.length];
    Trainer[] ts = new Trainer[cfgs.length];
    for (int c = 0; c < cfgs.length; c++) {
      gs[c] = ModelGraph.build(GaussianVae.builder().build(), Elbo.standard(), 0);
      ts[c] = new Trainer(gs[c], TrainerConfig.defaults(), null);
      if (!cfgs[c].equals("default")) {
        String[] p = cfgs[c].split(",");
        var cb = ConfigProto.newBuilder().setIntraOpParallelismThreads(Integer.parseInt(p[0])).setInterOpParallelismThreads(Integer.parseInt(p[1])).setUsePerSessionThreads(p.length > 2);
        var f = ModelGraph.class.getDeclaredField("session"); f.setAccessible(true);
        f.set(gs[c], new Session(gs[c].graph(), cb.build()));
      }
      ts[c].fit(train.head(6400), null, 1, List.of());
    }
    double[][] secs = new double[cfgs.length][4];
    for (int e = 0; e < 4; e++) for (int c = 0; c < cfgs.length; c++) {
      long t0 = System.nanoTime(); ts[c].fit(train, null, 1, List.of()); secs[c][e] = (System.nanoTime() - t0) / 1e9;
    }
    for (int c = 0; c < cfgs.length; c++) { java.util.Arrays.sort(secs[c]); System.out.printf("%-10s median %.3f s/epoch  all %s%n", cfgs[c], (secs[c][1] + secs[c][2]) / 2, java.util.Arrays.toString(secs[c])); }
  }
}
