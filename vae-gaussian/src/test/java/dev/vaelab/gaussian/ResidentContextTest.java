package dev.vaelab.gaussian;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A conditional model trained on rows and contexts selected by index inside the graph equals one trained on fed rows. */
class ResidentContextTest {
  static float[] trainAndEncode(boolean fedPath) {
    Dataset data = ConditionalVaeTest.data(1000, 1);
    GaussianVae cvae = GaussianVae.builder().dataSize(ConditionalVaeTest.D).hidden(16).latentSize(2).contextSize(2).build();
    try (ModelGraph g = ModelGraph.build(cvae, Elbo.standard(), 3)) {
      // dynamic binarisation of binary data changes no value but takes the fed path
      new Trainer(g, new TrainerConfig(3e-3, 64, 3, fedPath, false), null).fit(data, null, 2, List.of());
      assertThat(g.resident().holds(data)).isEqualTo(!fedPath);
      return g.encodeMean(data.batch(0, 50));
    }
  }

  @Test
  void residentRowsAndContextsTrainExactlyAsFedOnes() {
    assertThat(trainAndEncode(false)).containsExactly(trainAndEncode(true));
  }
}
