package dev.vaelab.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.data.Batch;
import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.FashionMnist;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainerConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Issue 27: FactorVAE's two objectives alternate in one training step — the model on ELBO + γ·TC, then the discriminator. */
class FactorVaeTrainingTest {
  static float[] values(ModelGraph g, Variable<TFloat32> v) {
    try (Result r = g.session().runner().fetch(v).run()) {
      return Feeds.values(r.get(0));
    }
  }

  @Test
  void theModelIsTrainedOnTheElboPlusGammaTcAndTheDiscriminatorByItsOwnStep() {
    Dataset train = FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN).head(1000).binarized(0.5);
    GaussianVae vae = GaussianVae.builder().hidden(64).latentSize(4).build();
    double gamma = 10;
    try (ModelGraph g = ModelGraph.build(vae, new FactorVaeElbo(gamma, new long[] {32}), 1)) {
      FactorVaeElbo.FactorLoss loss = (FactorVaeElbo.FactorLoss) g.loss();
      Trainer trainer = new Trainer(g, new TrainerConfig(1e-3, 64, 1, false), null);
      List<Variable<TFloat32>> disc = loss.discriminator().variables();
      assertThat(g.parameters().variables()).doesNotContainAnyElementsOf(disc); // the model's optimiser never sees them
      float[] before = values(g, disc.get(0));
      float[] encBefore = values(g, g.parameters().variables().get(0));
      trainer.fit(train, null, 1, List.of());
      float[] after = values(g, disc.get(0));
      assertThat(after).isNotEqualTo(before); // the discriminator's own Adam moved it
      assertThat(values(g, g.parameters().variables().get(0))).isNotEqualTo(encBefore);
      // the loss the model minimises: mean(distortion + rate) + γ · E[l₀ − l₁], all from one draw
      List<Tensor> fed = new ArrayList<>();
      try {
        float[] y = new float[64 * 784];
        train.copyRange(0, 64, y);
        Session.Runner r = g.feed(g.session().runner(), Batch.of(y, 64), fed);
        try (Result res = r.fetch(loss.total()).fetch(loss.rate()).fetch(loss.distortion()).fetch(loss.tc()).run()) {
          float total = Feeds.values(res.get(0))[0];
          float[] rate = Feeds.values(res.get(1));
          float[] dist = Feeds.values(res.get(2));
          float tc = Feeds.values(res.get(3))[0];
          double elbo = 0;
          for (int i = 0; i < 64; i++) {
            elbo += (rate[i] + dist[i]) / 64.0;
          }
          assertThat((double) total).isCloseTo(elbo + gamma * tc, within(1e-3 * Math.abs(total)));
        }
      } finally {
        fed.forEach(Tensor::close);
      }
    }
  }
}
