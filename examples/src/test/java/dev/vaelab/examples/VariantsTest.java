package dev.vaelab.examples;

import dev.vaelab.lab.families.vae.IwaeVariant;
import dev.vaelab.lab.families.vae.DecoderKind;
import dev.vaelab.lab.families.vae.PriorKind;
import dev.vaelab.lab.Lab;
import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.families.vae.ConvVaeFamily;
import dev.vaelab.lab.families.vae.CvaeFamily;
import dev.vaelab.lab.families.vae.GaussianVaeFamily;
import dev.vaelab.lab.families.vae.IwaeFamily;
import dev.vaelab.lab.image.RunImages;
import dev.vaelab.lab.run.ModelFamilies;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.run.TrainingSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import dev.vaelab.gmm.CovarianceType;
import dev.vaelab.gmm.MixtureJson;
import dev.vaelab.gmm.MixtureParameters;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The continuous-latent variants of the registry, trained through the same run folders. */
class VariantsTest {
  @TempDir Path tmp;

  static RunSpec spec(String model, Record options) {
    return new RunSpec(ModelFamilies.named(model), new DataSettings(DataSource.EMBEDDED, 7, 600, 100),
        TrainingSettings.defaults().with("epochs", 1).with("nllK", 20).with("nllExamples", 30), options);
  }

  @Test
  void thePostHocPriorReplacesTheModelsPriorInTheLogLikelihood() throws Exception {
    Path run = tmp.resolve("vae");
    Lab.train(TrainRunTest.tiny().withTraining(TrainRunTest.tiny().training().with("nllK", 0).with("nllExamples", 0)), run, false, TrainRunTest.QUIET);
    // a "fitted" mixture that is N(0, I) itself: the NLL under it is the NLL under the model's prior, draw by draw
    int d = 4;
    double[][] mean = new double[1][d];
    double[][][] cov = new double[1][d][d];
    for (int i = 0; i < d; i++) {
      cov[0][i][i] = 1;
    }
    MixtureJson.write(run.resolve("sampler-posthoc-gmm-1.json"), CovarianceType.FULL, new MixtureParameters(new double[] {1}, mean, cov));
    Map<String, Object> e = Lab.evaluate(run, new ModelFamily.EvaluationRequest(7, 50, 40, "gmm", 1), TrainRunTest.QUIET).toMap();
    assertThat((double) e.get("test_nll_posthoc_gmm")).isCloseTo((double) e.get("test_nll"), within(2e-3));
    // a mixture that is not N(0, I) gives another number; fitted on first use and saved
    Map<String, Object> f = Lab.evaluate(run, new ModelFamily.EvaluationRequest(7, 50, 40, "gmm", 2), TrainRunTest.QUIET).toMap();
    assertThat(run.resolve("sampler-posthoc-gmm-2.json")).isRegularFile();
    assertThat((double) f.get("test_nll_posthoc_gmm")).isNotCloseTo((double) f.get("test_nll"), within(1e-2));
    assertThat(f.get("posthoc_gmm_components")).isEqualTo(2);
    assertThatThrownBy(() -> new ModelFamily.EvaluationRequest(7, 0, 0, "gmm", 2)).hasMessageContaining("give --nll K");
  }

  @Test
  void theConditionalVaeReportsTheConditionalNllAndOneSampleRowPerClass() throws Exception {
    Path run = tmp.resolve("cvae");
    CvaeFamily.Options o = new CvaeFamily.Options(new long[] {32}, 3, DecoderKind.BERNOULLI, 1, 10, PriorKind.CONDITIONAL, 0);
    Map<String, Object> s = Lab.train(spec("cvae", o), run, false, TrainRunTest.QUIET).toMap();
    assertThat(s).containsKey("test_nll_conditional").doesNotContainKey("test_nll");
    assertThat((double) s.get("test_nll_conditional")).isPositive();
    BufferedImage grid = ImageIO.read(run.resolve("samples.png").toFile());
    assertThat(rows(grid, RunImages.COLUMNS)).as("10 rows of 8 square tiles").isEqualTo(10);
    Path out = tmp.resolve("s.png");
    Lab.sample(run, new ModelFamily.SampleRequest(30, 1, "prior", 10), out, false, TrainRunTest.QUIET);
    BufferedImage three = ImageIO.read(out.toFile());
    assertThat(rows(three, 3)).as("3 per class, one row per class").isEqualTo(10);
    assertThatThrownBy(() -> new CvaeFamily.Options(new long[] {32}, 3, DecoderKind.BERNOULLI, 1, 10, PriorKind.VAMP, 0))
        .hasMessageContaining("prior must be one of [standard, mog, conditional], got 'vamp'");
  }

  /** Rows of a grid of square tiles with {@code columns} columns (tiles and a border between and around them). */
  static double rows(BufferedImage grid, int columns) {
    int border = 2 * 2; // ImageGrid's 1-pixel gap scaled by 2
    double pitch = (grid.getWidth() - border / 2.0) / columns;
    return (grid.getHeight() - border / 2.0) / pitch;
  }

  @Test
  void theConvolutionalVaeTrainsEvaluatesAndSamples() throws Exception {
    Path run = tmp.resolve("conv");
    ConvVaeFamily.Options o = new ConvVaeFamily.Options("28x28x1", new long[] {8, 16}, new long[] {32}, 3, DecoderKind.BERNOULLI, 1, PriorKind.MOG, 3);
    Map<String, Object> s = Lab.train(spec("conv-vae", o), run, false, TrainRunTest.QUIET).toMap();
    assertThat(s.get("prior")).isEqualTo("mog");
    Map<String, Object> again = Lab.evaluate(run, new ModelFamily.EvaluationRequest(7, 0, 0), TrainRunTest.QUIET).toMap();
    assertThat((double) again.get("test_elbo")).isCloseTo((double) s.get("test_elbo"), within(1e-3));
    assertThat(run.resolve("samples.png")).isRegularFile();
    assertThatThrownBy(() -> new ConvVaeFamily.Options("30x28x1", new long[] {8, 16}, new long[] {32}, 3, DecoderKind.BERNOULLI, 1, PriorKind.STANDARD, 0))
        .hasMessageContaining("multiples of 4, got 30x28x1");
    assertThatThrownBy(() -> new ConvVaeFamily.Options("28x28", new long[] {8}, new long[] {32}, 3, DecoderKind.BERNOULLI, 1, PriorKind.STANDARD, 0))
        .hasMessageContaining("channels must be two sizes");
    JsonObject cfg = TrainRunTest.json(run.resolve("config.json"));
    assertThat(cfg.get("image_shape").getAsString()).isEqualTo("28x28x1");
    assertThat(cfg.get("prior_components").getAsInt()).isEqualTo(3);
  }

  @Test
  void twoStochasticLayersReportActiveUnitsPerLayer() throws Exception {
    IwaeFamily.Options o = IwaeFamily.Options.defaults();
    o = new IwaeFamily.Options(o.hidden(), o.latent(), o.decoder(), 2, dev.vaelab.iwae.GradientEstimator.IWAE, IwaeVariant.IWAE, 1, 0.5, 2, PriorKind.STANDARD, 0, 0);
    Map<String, Object> s = Lab.train(spec("iwae", o), tmp.resolve("two"), false, TrainRunTest.QUIET).toMap();
    assertThat(s.get("latent_size")).isEqualTo(150L);
    assertThat((int) s.get("active_units_z1") + (int) s.get("active_units_z2")).isEqualTo((int) s.get("active_units"));
    JsonObject cfg = TrainRunTest.json(tmp.resolve("two/config.json"));
    assertThat(cfg.get("layers").getAsInt()).isEqualTo(2);
    assertThat(cfg.get("latent").getAsLong()).isEqualTo(150);
  }

  @Test
  void theRainforthVariantsTrainAndReportTheGradientSnr() throws Exception {
    IwaeFamily.Options d = IwaeFamily.Options.defaults().with("hidden", new long[] {32}).with("latent", 3);
    IwaeFamily.Options o = new IwaeFamily.Options(d.hidden(), d.latent(), d.decoder(), 2, dev.vaelab.iwae.GradientEstimator.IWAE, IwaeVariant.PIWAE, 3, 0.5, 0, PriorKind.STANDARD, 0, 5);
    Map<String, Object> s = Lab.train(spec("iwae", o), tmp.resolve("piwae"), false, TrainRunTest.QUIET).toMap();
    assertThat(s.get("variant")).isEqualTo("piwae");
    assertThat((double) s.get("encoder_snr")).isPositive();
    assertThat((double) s.get("decoder_snr")).isPositive();
  }

  @Test
  void settingsThatDoNotGoTogetherAreRefusedByName() {
    GaussianVaeFamily.Options g = GaussianVaeFamily.Options.defaults();
    assertThatThrownBy(() -> new GaussianVaeFamily.Options(g.hidden(), g.latent(), g.decoder(), 1, 0, 0, 2, PriorKind.VAMP, 0, dev.vaelab.lab.families.vae.PosteriorKind.GAUSSIAN, 4))
        .hasMessageContaining("--layers 2 has its own learned p(z₁|z₂) p(z₂) prior");
    assertThatThrownBy(() -> new GaussianVaeFamily.Options(new long[] {64}, g.latent(), g.decoder(), 1, 0, 0, 1, PriorKind.STANDARD, 0, dev.vaelab.lab.families.vae.PosteriorKind.GAUSSIAN, 4))
        .hasMessageContaining("leave --hidden and --latent out");
    assertThatThrownBy(() -> new GaussianVaeFamily.Options(g.hidden(), g.latent(), g.decoder(), 1, 0, 0, 0, PriorKind.STANDARD, 5, dev.vaelab.lab.families.vae.PosteriorKind.GAUSSIAN, 4))
        .hasMessageContaining("prior_components = 5 needs --prior mog or vamp");
    assertThatThrownBy(() -> new GaussianVaeFamily.Options(g.hidden(), g.latent(), g.decoder(), 1, 0, 0, 3, PriorKind.STANDARD, 0, dev.vaelab.lab.families.vae.PosteriorKind.GAUSSIAN, 4))
        .hasMessageContaining("layers must be 1 or 2");
    assertThat(new GaussianVaeFamily.Options(g.hidden(), g.latent(), g.decoder(), 1, 0, 0, 0, PriorKind.VAMP, 0, dev.vaelab.lab.families.vae.PosteriorKind.GAUSSIAN, 4).priorComponents()).isEqualTo(500);
    assertThat(new GaussianVaeFamily.Options(g.hidden(), g.latent(), g.decoder(), 1, 0, 0, 0, PriorKind.MOG, 0, dev.vaelab.lab.families.vae.PosteriorKind.GAUSSIAN, 4).priorComponents()).isEqualTo(10);
    IwaeFamily.Options i = IwaeFamily.Options.defaults();
    assertThatThrownBy(() -> new IwaeFamily.Options(i.hidden(), i.latent(), i.decoder(), 5, dev.vaelab.iwae.GradientEstimator.DREG, IwaeVariant.MIWAE, 2, 0.5, 0, PriorKind.STANDARD, 0, 0))
        .hasMessageContaining("gradient 'dreg' is for variant iwae");
    assertThatThrownBy(() -> new IwaeFamily.Options(i.hidden(), i.latent(), i.decoder(), 5, dev.vaelab.iwae.GradientEstimator.IWAE, IwaeVariant.IWAE, 2, 0.5, 0, PriorKind.STANDARD, 0, 0))
        .hasMessageContaining("m = 2 needs variant miwae or piwae");
    assertThatThrownBy(() -> i.with("variant", "viwae"))
        .hasMessageContaining("variant must be one of [iwae, miwae, piwae, ciwae], got 'viwae'");
    assertThat(RunFolderTest.cli("train", "--model", "iwae", "--layers", "2", "--prior", "mog", "--out", tmp.resolve("x").toString()).err())
        .contains("--layers 2 has its own");
  }

  @Test
  void everyNamedVariantBindsToItsFamilyAndIsListedInTheHelp() {
    var all = new java.util.ArrayList<>(Experiment.STANDARD_VARIANTS.keySet());
    Experiment e = Experiment.standard(all, Experiment.Shared.defaults(), java.util.List.of(0L));
    assertThat(e.variants()).hasSize(all.size());
    String help = ModelFamiliesTest.run("compare", "--help")[1];
    for (String name : all) {
      assertThat(help).as(name).contains(name);
    }
    assertThat(Experiment.STANDARD_VARIANTS.keySet()).containsAll(Experiment.DEFAULT_VARIANTS);
  }

  @Test
  void piwaesDecoderSnrIsIwaesOfAllItsSamplesAndItsEncoderSnrIsNot() {
    var spec = dev.vaelab.gaussian.GaussianVae.builder().hidden(16).latentSize(3).build();
    var data = DataSource.load(DataSource.EMBEDDED, true, 40, 10).train();
    var batch = data.batch(0, 32);
    double[] snr = new double[4];
    int i = 0;
    for (var objective : java.util.List.of(new dev.vaelab.iwae.PiwaeBound(2, 3), dev.vaelab.iwae.ImportanceWeightedBound.of(6))) {
      try (var g = dev.vaelab.core.graph.ModelGraph.build(spec, objective, 5)) {
        snr[i++] = dev.vaelab.iwae.GradientSignalToNoise.measure(g, batch, 20, dev.vaelab.iwae.GradientSignalToNoise.DECODER);
        snr[i++] = dev.vaelab.iwae.GradientSignalToNoise.measure(g, batch, 20, dev.vaelab.iwae.GradientSignalToNoise.ENCODER);
      }
    }
    // same initial parameters, same noise: PIWAE's decoder gradient is IWAE(6)'s draw by draw
    assertThat(snr[0]).isCloseTo(snr[2], within(1e-4 * snr[2]));
    assertThat(snr[1]).isNotCloseTo(snr[3], within(1e-3 * snr[3]));
    assertThatThrownBy(() -> dev.vaelab.iwae.GradientSignalToNoise.measure(null, batch, 1, dev.vaelab.iwae.GradientSignalToNoise.ENCODER))
        .hasMessageContaining("at least 2 draws, got 1");
  }
}
