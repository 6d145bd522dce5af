package dev.vaelab.examples;

import dev.vaelab.lab.Lab;
import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.families.vae.CategoricalVaeFamily;
import dev.vaelab.lab.families.vae.TcVaeFamily;
import dev.vaelab.lab.families.vq.VqParts;
import dev.vaelab.lab.families.vq.VqVaeFamily;
import dev.vaelab.lab.graph.GraphFamily;
import dev.vaelab.lab.run.ModelFamilies;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.run.TrainingSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.objective.GumbelSoftmaxElbo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The discrete-latent variants (categorical VAE, β-TCVAE, the VQ-VAE's PixelCNN code prior) through the same run folders. */
class DiscreteVariantsTest {
  @TempDir Path tmp;

  @Test
  void theCategoricalVaeIsJudgedByTheExactCategoricalAndReportsItsRelaxationGap() throws Exception {
    CategoricalVaeFamily.Options o = new CategoricalVaeFamily.Options(new long[] {32}, 4, 5, 1.0, 1e-2, 0.5, false, false);
    Map<String, Object> s = Lab.train(VariantsTest.spec("categorical-vae", o), tmp.resolve("cat"), false, TrainRunTest.QUIET).toMap();
    assertThat((double) s.get("test_nll")).isPositive();
    assertThat(-(double) s.get("test_elbo")).as("the NLL estimate is below −ELBO").isGreaterThan((double) s.get("test_nll") - 1e-6);
    assertThat((double) s.get("test_rate")).as("KL to the uniform prior is at most N ln K").isBetween(0.0, 4 * Math.log(5));
    long steps = ((Number) s.get("steps")).longValue();
    assertThat((double) s.get("final_temperature")).isEqualTo(new GumbelSoftmaxElbo(1.0, 1e-2, 0.5, false, 1).temperatureAt(steps));
    assertThat((double) s.get("relaxation_gap")).isCloseTo((double) s.get("test_relaxed_elbo") - (double) s.get("test_elbo"), within(1e-9));
    assertThat(s.get("active_units")).isNull();
    assertThat(tmp.resolve("cat/samples.png")).isRegularFile();
    // straight-through and the exact enumeration train through the same path
    Lab.train(VariantsTest.spec("categorical-vae", new CategoricalVaeFamily.Options(new long[] {32}, 4, 5, 1.0, 1e-2, 0.5, true, false)),
        tmp.resolve("st"), false, TrainRunTest.QUIET);
    Map<String, Object> exact = Lab.train(
        VariantsTest.spec("categorical-vae", new CategoricalVaeFamily.Options(new long[] {32}, 2, 5, 1.0, 1e-2, 0.5, false, true)),
        tmp.resolve("exact"), false, TrainRunTest.QUIET).toMap();
    assertThat(exact).doesNotContainKey("relaxation_gap");
    assertThatThrownBy(() -> new CategoricalVaeFamily.Options(new long[] {32}, 30, 10, 1.0, 1e-2, 0.5, false, true))
        .hasMessageContaining("10^30").hasMessageContaining("more than 4096");
    assertThatThrownBy(() -> new CategoricalVaeFamily.Options(new long[] {32}, 2, 10, 1.0, 1e-2, 0.5, true, true))
        .hasMessageContaining("cannot be combined with --straight-through");
    assertThatThrownBy(() -> new CategoricalVaeFamily.Options(new long[] {32}, 2, 10, 0.4, 1e-2, 0.5, false, false))
        .hasMessageContaining("minimum temperature must be in (0, temperature = 0.4], got 0.5");
  }

  @Test
  void theTcVaeWritesItsRateDecompositionEveryEpoch() throws Exception {
    Path run = tmp.resolve("tc");
    RunSpec spec = new RunSpec(ModelFamilies.named("tc-vae"), new DataSettings(DataSource.EMBEDDED, 7, 600, 300),
        TrainingSettings.defaults().with("epochs", 2).with("nllK", 0).with("nllExamples", 0), new TcVaeFamily.Options(new long[] {32}, 4, 4.0));
    Map<String, Object> s = Lab.train(spec, run, false, TrainRunTest.QUIET).toMap();
    List<String> lines = Files.readAllLines(run.resolve(TcVaeFamily.DECOMPOSITION_FILE));
    assertThat(lines).hasSize(3).first().isEqualTo("epoch,mi,tc,dwkl");
    double mi = (double) s.get("test_mi");
    // over a set of n examples the aggregate posterior is a mixture of n components: 0 <= I(z; n) <= ln n (up to one-sample noise)
    assertThat(mi).isBetween(0.0, Math.log(300) + 0.5);
    assertThat((double) s.get("test_tc")).isGreaterThan(-0.5);
    assertThat((double) s.get("test_dwkl")).isGreaterThan(-0.5);
    assertThat(mi + (double) s.get("test_tc") + (double) s.get("test_dwkl")).as("the three terms add up to about the rate")
        .isCloseTo((double) s.get("test_rate"), within(0.25 * (double) s.get("test_rate") + 0.5));
  }

  @Test
  void theVqVaesPixelCnnCodePriorIsTrainedScoredAndSampled() throws Exception {
    Path run = tmp.resolve("vq");
    VqVaeFamily.Options o = VqVaeFamily.Options.defaults().with("codebookSize", 16).with("codeDimension", 4).with("codePrior", "pixelcnn").with("codePriorEpochs", 2).with("codePriorChannels", 8).with("codePriorLayers", 2);
    Map<String, Object> s = Lab.train(VariantsTest.spec("vq-vae", o), run, false, TrainRunTest.QUIET).toMap();
    assertThat(s.get("code_prior")).isEqualTo("pixelcnn");
    double independent = (double) s.get("code_prior_rate_independent");
    double pixelcnn = (double) s.get("code_prior_rate_pixelcnn");
    assertThat(independent).as("the independent rate is the fitted prior's rate on the test codes")
        .isCloseTo((double) s.get("test_rate_fitted_prior"), within(1e-3 * independent));
    assertThat(pixelcnn).isPositive().isLessThan(49 * Math.log(16) + 1e-9);
    assertThat((double) s.get("test_nll_bound_pixelcnn") - pixelcnn).isCloseTo((double) s.get("test_nll_bound_independent") - independent,
        within(1e-9));
    assertThat((List<?>) s.get("code_prior_test_rate_curve")).hasSize(2);
    assertThat(run.resolve("samples.png")).isRegularFile();
    assertThat(run.resolve("samples-independent.png")).isRegularFile();
    assertThat(run.resolve(VqParts.CODE_PRIOR_DIR + "/LATEST")).isRegularFile();
    Path out = tmp.resolve("s.png");
    Lab.sample(run, new ModelFamily.SampleRequest(8, 3, "prior", 10), out, false, TrainRunTest.QUIET);
    assertThat(out).isRegularFile();
    assertThatThrownBy(() -> Lab.sample(run, new ModelFamily.SampleRequest(8, 3, "gmm", 10), tmp.resolve("g.png"), false, TrainRunTest.QUIET))
        .hasMessageContaining("its sampler is the code prior");
    // the exported prior, loaded in a fresh bundle, scores code maps as the run's prior does
    Path saved = tmp.resolve("saved");
    assertThat(RunFolderTest.cli("export", "--run", run.toString(), "--out", saved.toString()).code()).isZero();
    int[] maps = new int[2 * 49];
    for (int i = 0; i < maps.length; i++) {
      maps[i] = (i * 7) % 16;
    }
    RunSpec spec = RunSpec.read(run.resolve("config.json"));
    double[] expected;
    try (var g = ((GraphFamily<?>) spec.family()).newGraph(spec, 7);
        var prior = VqParts.pixelCnn(o, (dev.vaelab.vq.VqVae) g.spec(), 128, RunFolder.read(run), TrainRunTest.QUIET)) {
      expected = prior.logProb(maps, 2);
      // z_q = e_k at every position: the sampler's latents are codebook rows
      g.restore(run.resolve("checkpoint"));
      var quantizer = ((dev.vaelab.vq.VqVae) g.spec()).builtQuantizer();
      float[] e = dev.vaelab.vq.CodeVectors.codebook(g, quantizer);
      float[] zq = dev.vaelab.vq.CodeVectors.of(g, quantizer, maps, 2, 49);
      for (int i = 0; i < 2 * 49; i++) {
        for (int j = 0; j < 4; j++) {
          assertThat(zq[i * 4 + j]).isEqualTo(e[maps[i] * 4 + j]);
        }
      }
    }
    try (var bundle = org.tensorflow.SavedModelBundle.load(saved.resolve(VqParts.CODE_PRIOR_DIR).toString(), "serve");
        var codes = org.tensorflow.types.TInt32.tensorOf(org.tensorflow.ndarray.Shape.of(2, 7, 7),
            org.tensorflow.ndarray.buffer.DataBuffers.of(maps, true, false));
        var r = bundle.function("log_prob").call(Map.of("codes", codes))) {
      float[] lp = dev.vaelab.core.graph.Feeds.values((org.tensorflow.types.TFloat32) r.get("log_prob").orElseThrow());
      assertThat((double) lp[0]).isCloseTo(expected[0], within(1e-3));
      assertThat((double) lp[1]).isCloseTo(expected[1], within(1e-3));
    }
    assertThat(saved.resolve("saved_model.pb")).isRegularFile();
    assertThatThrownBy(() -> VqVaeFamily.Options.defaults().with("codePrior", "pixelcnn").with("codePriorEpochs", 2).with("codePriorChannels", 8).with("codePriorLayers", 0)).hasMessageContaining("at least 1 layer");
    assertThatThrownBy(() -> VqVaeFamily.Options.defaults().with("codePrior", "transformer"))
        .hasMessageContaining("code_prior must be one of [independent, pixelcnn], got 'transformer'");
  }
}
