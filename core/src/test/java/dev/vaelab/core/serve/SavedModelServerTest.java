package dev.vaelab.core.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.FashionMnist;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.testing.TinyModels;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainerConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;

class SavedModelServerTest {
  @TempDir Path tmp;

  /** Exports g as `vaelab export` does (signatures encode and decode). */
  static void export(ModelGraph g, Path dir) throws Exception {
    SavedModelBundle.exporter(dir.toString()).withSession(g.session())
        .withSignatures(
            Signature.builder("encode").input("y", g.input()).output("posterior_mean", g.posteriorMean()).build(),
            Signature.builder("decode").input("z", g.latentInput()).output("mean", g.decodedMean()).build())
        .export();
  }

  @Test
  void anExportedModelAnswersWhatTheTrainedGraphAnswers() throws Exception {
    Dataset data = FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN).head(500).binarized(0.5);
    Path dir = tmp.resolve("saved");
    float[] batch = new float[60 * 784];
    data.copyRange(0, 60, batch);
    float[] expected;
    float[] expectedDecoded;
    float[] z;
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 32, 4), Elbo.standard(), 1)) {
      new Trainer(g, new TrainerConfig(1e-3, 64, 1, false), null).fit(data, null, 1, List.of());
      expected = g.encodeMean(batch, 60);
      z = java.util.Arrays.copyOf(expected, 4 * 40);
      expectedDecoded = g.decodeMean(z, 40);
      export(g, dir);
    }
    try (SavedModelServer server = SavedModelServer.load(dir)) {
      assertThat(server.dataSize()).isEqualTo(784);
      assertThat(server.latentSize()).isEqualTo(4);
      float[] all = server.encode(batch, 60); // the default session
      for (int i = 0; i < all.length; i++) {
        assertThat(all[i]).isCloseTo(expected[i], within(1e-5f));
      }
      float[] one = server.encode(data.row(3), 1); // the latency session
      for (int j = 0; j < 4; j++) {
        assertThat(one[j]).isCloseTo(expected[3 * 4 + j], within(1e-5f));
      }
      float[] decoded = server.decode(z, 40);
      for (int i = 0; i < decoded.length; i++) {
        assertThat(decoded[i]).isCloseTo(expectedDecoded[i], within(1e-5f));
      }
      assertThatThrownBy(() -> server.encode(new float[100], 1)).hasMessageContaining("784").hasMessageContaining("100");
    }
  }

  @Test
  void aFolderWithoutASavedModelOrWithoutTheSignaturesIsRefusedByName() throws Exception {
    assertThatThrownBy(() -> SavedModelServer.load(tmp)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("saved_model.pb").hasMessageContaining(tmp.toString());
    Path dir = tmp.resolve("decode-only");
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 16, 2), Elbo.standard(), 2)) {
      SavedModelBundle.exporter(dir.toString()).withSession(g.session())
          .withSignatures(Signature.builder("decode").input("z", g.latentInput()).output("mean", g.decodedMean()).build())
          .export();
    }
    assertThatThrownBy(() -> SavedModelServer.load(dir)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no signature 'encode'").hasMessageContaining("decode");
  }
}
