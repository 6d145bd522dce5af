package dev.vaelab.lab.families.vae;

import dev.vaelab.lab.stage.RunHook;
import dev.vaelab.lab.settings.Setting;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;

import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.gaussian.GaussianVae;
import dev.vaelab.iwae.CiwaeBound;
import dev.vaelab.iwae.GradientEstimator;
import dev.vaelab.iwae.GradientSignalToNoise;
import dev.vaelab.iwae.MiwaeBound;
import dev.vaelab.iwae.PiwaeBound;
import dev.vaelab.iwae.ImportanceWeightedBound;
import java.util.Map;

/**
 * {@code --model iwae}: the Gaussian VAE's triad trained on the k-sample importance-weighted bound
 * L_k = E[ln (1/k) Σ_i P_pri(z_i) P_dec(y|z_i) / P_enc(z_i|y)] (Burda et al. 2015), with the IWAE
 * or the DReG encoder gradient (Tucker et al. 2019).
 */
public final class IwaeFamily extends VaeNetwork.Family<IwaeFamily.Options> {

  /**
   * Options of the IWAE.
   *
   * @param hidden MLP hidden sizes
   * @param latent latent size d
   * @param decoder bernoulli, gaussian or gaussian-learned
   * @param k importance samples of the bound
   * @param gradient encoder gradient: iwae or dreg
   * @param variant iwae (the bound L_k), or Rainforth et al.'s miwae, piwae or ciwae
   * @param m MIWAE/PIWAE: number of bounds of k samples (M·k samples per example)
   * @param ciwaeBeta CIWAE: the ELBO's weight β
   * @param layers 0: the hidden/latent MLP; 1 or 2: Burda et al.'s architectures
   * @param prior standard, mog or vamp
   * @param priorComponents K of the mog or vamp prior (0: its default)
   * @param snrDraws draws of the gradient SNR measured after training (0 = not measured)
   */
  public record Options(
      long[] hidden,
      long latent,
      DecoderKind decoder,
      @Setting(names = "--k", help = "Importance samples of the bound (default ${DEFAULT-VALUE}).")
      int k,
      @Setting(names = "--gradient", help = "Encoder gradient: iwae (default) or dreg.")
      GradientEstimator gradient,
      @Setting(names = "--variant", help = "Objective: iwae (default, the bound L_k), miwae (M bounds of k samples averaged), "
        + "piwae (IWAE gradient for the decoder, MIWAE for the encoder) or ciwae (β·ELBO + (1−β)·IWAE); Rainforth et al. 2018.")
      IwaeVariant variant,
      @Setting(names = "--m", label = "M", help = "MIWAE/PIWAE: number of bounds of k samples each (default ${DEFAULT-VALUE}).")
      int m,
      @Setting(names = "--ciwae-beta", label = "BETA", help = "CIWAE: weight β of the ELBO (default ${DEFAULT-VALUE}).")
      double ciwaeBeta,
      int layers,
      PriorKind prior,
      int priorComponents,
      @Setting(names = "--snr-draws", label = "R", help = "Draws of the encoder/decoder gradient SNR measured after training (default ${DEFAULT-VALUE}; 0 = off).")
      int snrDraws) implements VaeNetwork.Shape, dev.vaelab.lab.settings.Settings<Options> {
    public Options {
      VaeNetwork.Net net = VaeNetwork.check(hidden, latent, decoder, layers, prior, priorComponents, false);
      hidden = net.hidden();
      latent = net.latent();
      priorComponents = net.priorComponents();
      if (k < 1) {
        throw new IllegalArgumentException("k must be >= 1, got " + k);
      }
      if (gradient == null) {
        throw new IllegalArgumentException("gradient must be iwae or dreg, got null");
      }
      if (variant == null) {
        throw new IllegalArgumentException("variant must be one of " + dev.vaelab.lab.settings.Choice.ids(IwaeVariant.class) + ", got null");
      }
      if (variant != IwaeVariant.IWAE && gradient != GradientEstimator.IWAE) {
        throw new IllegalArgumentException("gradient '" + gradient.id() + "' is for variant iwae; variant " + variant.id() + " has its own gradient");
      }
      if (m < 1) {
        throw new IllegalArgumentException("m must be >= 1, got " + m);
      }
      if (m != 1 && !variant.takesM()) {
        throw new IllegalArgumentException("m = " + m + " needs variant miwae or piwae, got variant " + variant.id());
      }
      new CiwaeBound(k, ciwaeBeta); // validates β
      if (snrDraws != 0 && snrDraws < 2) {
        throw new IllegalArgumentException("snr_draws must be 0 (off) or >= 2, got " + snrDraws);
      }
    }

    /** 784-400-20, Bernoulli decoder, k = 5, IWAE gradient. */
    public static Options defaults() {
      return new Options(new long[] {GaussianVae.DEFAULT_HIDDEN}, GaussianVae.DEFAULT_LATENT_SIZE, VaeNetwork.DEFAULT_DECODER,
          ImportanceWeightedBound.DEFAULT_K, GradientEstimator.IWAE, IwaeVariant.IWAE, 1, CiwaeBound.DEFAULT_BETA, 0, PriorKind.STANDARD, 0,
          GradientSignalToNoise.DEFAULT_DRAWS);
    }


  }

  public IwaeFamily() {
    super("iwae", "Importance-weighted autoencoder (Burda et al. 2015): k-sample bound, IWAE or DReG encoder gradient; MIWAE, PIWAE, CIWAE; priors; one or two stochastic layers",
        Options.class, Options.defaults());
  }

  /** The objectives of {@code --variant}. */
  public static final java.util.List<String> VARIANTS = dev.vaelab.lab.settings.Choice.ids(IwaeVariant.class);

  @Override
  protected Objective objective(Options o) {
    return switch (o.variant()) {
      case MIWAE -> new MiwaeBound(o.m(), o.k());
      case PIWAE -> new PiwaeBound(o.m(), o.k());
      case CIWAE -> new CiwaeBound(o.k(), o.ciwaeBeta());
      case IWAE -> new ImportanceWeightedBound(o.k(), o.gradient());
    };
  }

  /** After training: the encoder's and the decoder's gradient SNR on the first 128 training examples. */
  @Override
  protected RunHook extras(Options o, ModelGraph graph, RunSpec spec, dev.vaelab.core.data.Dataset train, RunFolder folder,
      java.io.PrintStream log, boolean resume) {
    if (o.snrDraws() == 0) {
      return RunHook.NONE;
    }
    return new RunHook() {
      @Override
      public Map<String, Object> after(ModelGraph g, dev.vaelab.core.data.Dataset tr, dev.vaelab.core.data.Dataset test, Runnable save) {
        int n = Math.min(SNR_BATCH, tr.size());
        dev.vaelab.core.data.Batch batch = tr.batch(0, n);
        double enc = GradientSignalToNoise.measure(g, batch, o.snrDraws(), GradientSignalToNoise.ENCODER);
        double dec = GradientSignalToNoise.measure(g, batch, o.snrDraws(), GradientSignalToNoise.DECODER);
        log.printf("gradient SNR over %d draws on %d training examples: encoder %.4f, decoder %.4f%n", o.snrDraws(), n, enc, dec);
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("encoder_snr", enc);
        m.put("decoder_snr", dec);
        m.put("snr_draws", o.snrDraws());
        return m;
      }
    };
  }

  /** Examples of the SNR's fixed batch (B5f). */
  static final int SNR_BATCH = 128;

  @Override
  protected Map<String, Object> testNumbers(Options o, ModelGraph graph, EvaluationResult test,
      dev.vaelab.core.data.Dataset testData) {
    Map<String, Object> m = super.testNumbers(o, graph, test, testData);
    m.put("k", o.k());
    m.put("gradient", o.gradient().id());
    m.put("variant", o.variant().id());
    m.put("test_iwae_k", test.bound());
    return m;
  }



  /** k samples for each of the M bounds. */
  @Override
  protected long samplesPerExample(Options o) {
    return (long) o.k() * o.m();
  }

  @Override
  protected String samplesOption(Options o) {
    return "--k " + o.k() + (o.m() > 1 ? " --m " + o.m() : "");
  }
}
