package dev.vaelab.examples;

import dev.vaelab.lab.Lab;
import dev.vaelab.lab.graph.GraphFamily;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.gmm.CovarianceType;
import dev.vaelab.gmm.PostHocMixtureSampler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Latent samplers: the post-hoc mixture over the training posterior means, saved and reloaded. */
class SamplersTest {
  @TempDir Path tmp;

  @Test
  void thePostHocMixtureDrawsLatentsDistributedLikeTheTrainingPosteriorMeans() throws Exception {
    Path run = tmp.resolve("run");
    RunSpec spec = TrainRunTest.tiny().withTraining(TrainRunTest.tiny().training().with("nllK", 0).with("nllExamples", 0));
    Lab.train(spec, run, false, TrainRunTest.QUIET);
    GraphFamily<?> family = (GraphFamily<?>) spec.family();
    Dataset train = family.splits(spec).train();
    try (ModelGraph g = family.newGraph(spec, 7)) {
      g.restore(run.resolve("checkpoint"));
      PostHocMixtureSampler s = PostHocMixtureSampler.fit(g, train, 5, CovarianceType.FULL, 1);
      int d = 4;
      float[] means = g.encodeMean(new dev.vaelab.core.data.Batch(rows(train), null, train.size()));
      int n = 20000;
      float[] z = s.sampleLatents(g, n, 3);
      for (int j = 0; j < d; j++) {
        double mTrain = 0;
        for (int i = 0; i < train.size(); i++) {
          mTrain += means[i * d + j] / train.size();
        }
        double m = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
          m += z[i * d + j] / n;
          sq += (double) z[i * d + j] * z[i * d + j] / n;
        }
        double se = Math.sqrt((sq - m * m) / n) + Math.sqrt((sq - m * m) / train.size());
        assertThat(m).as("dimension %d", j).isCloseTo(mTrain, within(4 * se));
      }
      // saved and reloaded: the same mixture, the same draws
      Path file = tmp.resolve("sampler.json");
      s.save(file);
      float[] again = PostHocMixtureSampler.load(file).sampleLatents(g, 50, 3);
      for (int i = 0; i < again.length; i++) {
        assertThat(again[i]).isCloseTo(z[i], within(1e-6f));
      }
    }
    // from the command line: fitted and saved on first use, reloaded afterwards
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Lab.sample(run, new ModelFamily.SampleRequest(16, 2, "posthoc-gmm", 3), tmp.resolve("a.png"), false, new PrintStream(log, true));
    assertThat(log.toString()).contains("fitting a 3-component Gaussian mixture");
    assertThat(run.resolve("sampler-posthoc-gmm-3.json")).isRegularFile();
    log.reset();
    Lab.sample(run, new ModelFamily.SampleRequest(16, 2, "posthoc-gmm", 3), tmp.resolve("b.png"), false, new PrintStream(log, true));
    assertThat(log.toString()).contains("loaded from").doesNotContain("fitting");
    assertThat(java.nio.file.Files.readAllBytes(tmp.resolve("a.png"))).isEqualTo(java.nio.file.Files.readAllBytes(tmp.resolve("b.png")));
    assertThat(RunFolderTest.cli("sample", "--run", run.toString(), "--sampler", "flow").err()).contains("--sampler must be one of [prior, ").contains("gmm").contains("maf").contains("two-stage").contains("got 'flow'");
  }

  static float[] rows(Dataset d) {
    float[] out = new float[d.size() * d.dimension()];
    d.copyRange(0, d.size(), out);
    return out;
  }
}
