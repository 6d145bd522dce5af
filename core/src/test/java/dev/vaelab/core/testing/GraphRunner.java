package dev.vaelab.core.testing;

import dev.vaelab.core.graph.Feeds;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Builds operands in a fresh graph, runs them once and returns their values (test helper). */
public final class GraphRunner {
  private GraphRunner() {}

  /** Values of one operand. */
  public static float[] run(Function<Ops, Operand<TFloat32>> build) {
    return runAll(tf -> List.of(build.apply(tf))).get(0);
  }

  /** Values of several operands, fetched in one run (same random draws). */
  public static List<float[]> runAll(Function<Ops, List<Operand<TFloat32>>> build) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      List<Operand<TFloat32>> outs = build.apply(tf);
      Session.Runner runner = s.runner();
      outs.forEach(runner::fetch);
      try (Result r = runner.run()) {
        List<float[]> values = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) {
          values.add(Feeds.values(r.get(i)));
        }
        return values;
      }
    }
  }

  /** A [rows, cols] float constant. */
  public static Operand<TFloat32> matrix(Ops tf, float[][] m) {
    return tf.constant(m);
  }
}
