package dev.vaelab.examples;

import dev.vaelab.core.graph.ModelGraph;
import java.nio.file.Path;

/** {@code vaelab sample --run DIR}: a new grid of ancestral samples from a trained run. */
public final class SampleRun {
  private SampleRun() {}

  /** Writes {@code n} samples drawn with {@code seed} to {@code out}; returns the sample values. */
  public static float[] run(Path runDir, int n, long seed, Path out) {
    RunConfig config = RunConfig.readRunFolder(runDir);
    try (ModelGraph graph = config.buildGraph(seed)) {
      graph.restore(runDir.resolve("checkpoint"));
      float[] values = graph.sample(n);
      dev.vaelab.core.image.ImageGrid.write(
          out, RunImages.split(values, n), dev.vaelab.core.data.FashionMnist.SIDE, dev.vaelab.core.data.FashionMnist.SIDE,
          RunImages.COLUMNS, RunImages.SCALE);
      return values;
    }
  }
}
