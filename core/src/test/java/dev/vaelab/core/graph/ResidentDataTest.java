package dev.vaelab.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.FashionMnist;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.testing.TinyModels;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.types.TInt64;

class ResidentDataTest {
  @TempDir Path tmp;

  static Dataset data() {
    return FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN).head(700).binarized(0.5);
  }

  /** The objective's per-example bound (draw 5) on rows fed directly, or on the resident rows at given indices. */
  private static float[] bound(ModelGraph g, Dataset data, int[] order, boolean resident) {
    List<Tensor> fed = new ArrayList<>();
    try {
      Session.Runner r = g.session().runner();
      if (resident) {
        g.resident().feedIndices(r, order, 3, 50, fed);
      } else {
        float[] rows = new float[50 * data.dimension()];
        data.copyRows(order, 3, 53, rows);
        g.feed(r, dev.vaelab.core.data.Batch.of(rows, 50), fed);
      }
      TInt64 draw = TInt64.scalarOf(5);
      fed.add(draw);
      try (Result res = r.feed(g.drawIndex(), draw).fetch(g.loss().bound()).run()) {
        return Feeds.values(res.get(0));
      }
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  @Test
  void aBatchSelectedByIndexIsTheBatchFedRowByRow() {
    Dataset data = data();
    int[] order = Dataset.permutation(data.size(), new Random(4));
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 32, 4), Elbo.standard(), 1)) {
      g.resident().load(g.session(), data);
      assertThat(g.resident().holds(data)).isTrue();
      float[] byIndex = bound(g, data, order, true);
      float[] byRows = bound(g, data, order, false);
      assertThat(byIndex).hasSize(50).containsExactly(byRows);
    }
  }

  @Test
  void checkpointsDoNotCarryTheResidentData() throws Exception {
    Dataset data = data();
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 32, 4), Elbo.standard(), 1)) {
      new Trainer(g, new TrainerConfig(1e-3, 64, 1, false), tmp).fit(data, null, 1, List.of());
      assertThat(g.resident().holds(data)).isTrue();
      long bytes;
      try (var files = Files.walk(tmp)) {
        bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
      }
      // the parameters with Adam's two moments: 3 × (784·32 + 32·8 + 4·32 + 32·784 + biases) floats ≈ 0.6 MB;
      // the 700 × 784 resident rows alone would add 2.2 MB
      assertThat(bytes).isLessThan(1_200_000L);
    }
  }

  @Test
  void trainingOnResidentRowsEqualsTrainingOnFedRows() {
    // dynamic binarisation of already-binary data draws nothing that changes a value (u < 1 for a 1,
    // u < 0 never for a 0), so it takes the fed path with exactly the same rows
    Dataset data = data();
    float[] resident;
    float[] fed;
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 32, 4), Elbo.standard(), 2)) {
      new Trainer(g, new TrainerConfig(1e-3, 64, 2, false), null).fit(data, null, 2, List.of());
      assertThat(g.resident().holds(data)).isTrue();
      resident = g.encodeMean(data.batch(0, 20));
    }
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 32, 4), Elbo.standard(), 2)) {
      new Trainer(g, new TrainerConfig(1e-3, 64, 2, true), null).fit(data, null, 2, List.of());
      assertThat(g.resident().holds(data)).isFalse();
      fed = g.encodeMean(data.batch(0, 20));
    }
    assertThat(resident).containsExactly(fed);
  }

  @Test
  void anUnconditionedModelIgnoresADatasetsContextAsTheFedPathDoes() {
    Dataset plain = data();
    Dataset labelled = plain.withOneHotLabels(10);
    float[] withContext;
    float[] without;
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 32, 4), Elbo.standard(), 4)) {
      new Trainer(g, new TrainerConfig(1e-3, 64, 4, false), null).fit(labelled, null, 1, List.of());
      assertThat(g.resident().holds(labelled)).isTrue();
      withContext = g.encodeMean(plain.batch(0, 10));
    }
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(784, 32, 4), Elbo.standard(), 4)) {
      new Trainer(g, new TrainerConfig(1e-3, 64, 4, false), null).fit(plain, null, 1, List.of());
      without = g.encodeMean(plain.batch(0, 10));
    }
    assertThat(withContext).containsExactly(without);
  }

}
