package dev.vaelab.lab.families.vae;

import dev.vaelab.lab.graph.GraphFamily;
import dev.vaelab.lab.run.RunSpec;

import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.model.PriorFactory;
import dev.vaelab.core.nn.Activation;
import dev.vaelab.gaussian.GaussianVae;
import dev.vaelab.gaussian.TwoStochasticLayerVae;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import dev.vaelab.lab.settings.Choice;
import dev.vaelab.lab.settings.Setting;

/**
 * The network of the Gaussian-latent families (gaussian-vae, iwae, cvae): MLP hidden sizes, latent
 * size d, the decoder's likelihood, the prior, and Burda et al.'s architectures ({@code --layers}).
 * Declared once for their command lines.
 */
final class VaeNetwork {
  /** Default decoder. */
  static final DecoderKind DEFAULT_DECODER = DecoderKind.BERNOULLI;
  /** Burda et al. (2015): hidden sizes between y and the first stochastic layer. */
  static final long[] BURDA_HIDDEN = {200, 200};
  /** Burda et al.'s one-layer latent size. */
  static final long BURDA_LATENT = 50;

  private VaeNetwork() {}

  /** Checks the MLP shape, naming the bad value. */
  static void check(long[] hidden, long latent, DecoderKind decoder) {
    if (hidden == null || hidden.length == 0) {
      throw new IllegalArgumentException("hidden must list at least one layer size");
    }
    for (long h : hidden) {
      if (h < 1) {
        throw new IllegalArgumentException("hidden sizes must be >= 1, got " + Arrays.toString(hidden));
      }
    }
    if (latent < 1) {
      throw new IllegalArgumentException("latent must be >= 1, got " + latent);
    }
    if (decoder == null) {
      throw new IllegalArgumentException("decoder must be one of " + Choice.ids(DecoderKind.class) + ", got null");
    }
  }

  /** A checked network: the hidden sizes and latent size it has, and the prior's K. */
  record Net(long[] hidden, long latent, int priorComponents) {}

  /**
   * Checks a whole network and settles what {@code --layers} and the prior's default imply:
   * layers 0 is the MLP of {@code hidden}/{@code latent}; layers 1 and 2 are Burda et al.'s
   * architectures (hidden [200, 200], latent 50, or 150 = z₁ 100 + z₂ 50), which the hidden and
   * latent settings must then be left at (their defaults or these values).
   */
  static Net check(long[] hidden, long latent, DecoderKind decoder, int layers, PriorKind prior, int priorComponents, boolean conditioned) {
    check(hidden, latent, decoder);
    if (prior == null) {
      throw new IllegalArgumentException("prior must be one of " + PriorKind.allowed(conditioned).stream().map(PriorKind::id).toList() + ", got null");
    }
    int k = prior.components(priorComponents, conditioned);
    if (layers == 0) {
      return new Net(hidden.clone(), latent, k);
    }
    if (layers != 1 && layers != 2) {
      throw new IllegalArgumentException("layers must be 1 or 2 (Burda et al.'s architectures) or 0 (the --hidden/--latent MLP), got " + layers);
    }
    long burdaLatent = layers == 1 ? BURDA_LATENT : 150;
    boolean defaults = Arrays.equals(hidden, new long[] {GaussianVae.DEFAULT_HIDDEN}) && latent == GaussianVae.DEFAULT_LATENT_SIZE;
    boolean burda = Arrays.equals(hidden, BURDA_HIDDEN) && latent == burdaLatent;
    if (!defaults && !burda) {
      throw new IllegalArgumentException("--layers " + layers + " is Burda et al.'s architecture (hidden 200,200, latent "
          + burdaLatent + "); leave --hidden and --latent out, got hidden " + Arrays.toString(hidden) + ", latent " + latent);
    }
    if (layers == 2 && decoder != DecoderKind.BERNOULLI) {
      throw new IllegalArgumentException("--layers 2 has a Bernoulli decoder only, got decoder '" + decoder.id() + "'");
    }
    if (layers == 2 && prior != PriorKind.STANDARD) {
      throw new IllegalArgumentException("--layers 2 has its own learned p(z₁|z₂) p(z₂) prior; --prior " + prior.id() + " is for one stochastic layer");
    }
    return new Net(BURDA_HIDDEN.clone(), burdaLatent, k);
  }

  /**
   * The network, as the options records of the families that use it expose it; its settings are
   * declared here once, for every family whose record implements it.
   */
  public interface Shape {
    @Setting(names = "--hidden", split = ",", label = "H", help = "Hidden sizes, comma-separated (default 400).")
    long[] hidden();

    @Setting(names = "--latent", label = "D", help = "Latent size d (default ${DEFAULT-VALUE}).")
    long latent();

    @Setting(names = "--decoder", help = "bernoulli (default; binarised data), gaussian or gaussian-learned (grey levels).")
    DecoderKind decoder();

    /** 0: the hidden/latent MLP; 1 or 2: Burda et al.'s architectures. */
    @Setting(names = "--layers", label = "L", help = "Burda et al. (2015) architecture with L = 1 or 2 stochastic layers (tanh; 784-200-200-50, or z₁ 100 and z₂ 50); "
        + "replaces --hidden and --latent (default: the --hidden/--latent MLP).")
    default int layers() {
      return 0;
    }

    /** standard, mog, vamp (or conditional). */
    @Setting(names = "--prior", help = "Prior P_pri(z): standard (default, N(0, I)), mog (learned mixture of Gaussians) or vamp (VampPrior).")
    default PriorKind prior() {
      return PriorKind.STANDARD;
    }

    /** K of a mixture or VampPrior, else 0. */
    @Setting(names = "--prior-components", label = "K", help = "Components of the mog prior (default 10) or pseudo-inputs of the VampPrior (default 500).")
    default int priorComponents() {
      return 0;
    }

    /** Context size C of a conditional model (0 = none). */
    default long contextSize() {
      return 0;
    }
  }

  /** A family trained on the ELBO with the rate weighted by β (β-VAE); the setting is declared here once. */
  public interface RateWeight {
    @Setting(names = "--beta", help = "Rate weight β (default ${DEFAULT-VALUE}).")
    double beta();
  }

  /** The model of a network with its own prior, for examples of {@code dataSize} values. */
  static ModelSpec modelSpec(Shape o, long dataSize) {
    return modelSpec(o, dataSize, o.prior().factory(o.priorComponents(), dataSize));
  }

  /** The model of a network with the given prior instead of its own (a one-layer network only). */
  static ModelSpec modelSpec(Shape o, long dataSize, PriorFactory prior) {
    if (o.layers() == 2) {
      if (dataSize != GaussianVae.DEFAULT_DATA_SIZE) {
        throw new IllegalArgumentException("--layers 2 is Burda et al.'s 784-dimensional architecture; the data have " + dataSize + " values per example");
      }
      return TwoStochasticLayerVae.burda();
    }
    return GaussianVae.builder().dataSize(dataSize).hidden(o.hidden()).latentSize(o.latent()).decoder(o.decoder().type())
        .activation(o.layers() == 1 ? Activation.TANH : Activation.RELU).prior(prior).contextSize(o.contextSize()).build();
  }

  /**
   * A family whose model is a Gaussian-latent triad of this network (MLP encoder and decoder, the
   * chosen prior); its subclasses differ in the objective.
   */
  abstract static class Family<O extends Record & Shape> extends GraphFamily<O> {
    Family(String name, String description, Class<O> optionsType, O defaults) {
      super(name, description, optionsType, defaults);
    }

    @Override
    protected ModelSpec modelSpec(O o, dev.vaelab.core.data.ImageShape input, long seed) {
      return VaeNetwork.modelSpec(o, input.size());
    }

    @Override
    protected ModelSpec modelSpecWithPrior(O o, dev.vaelab.core.data.ImageShape input, PriorFactory prior) {
      if (o.layers() == 2) {
        throw new IllegalArgumentException("a post-hoc prior replaces the prior of a one-stochastic-layer model; this run has --layers 2");
      }
      return VaeNetwork.modelSpec(o, input.size(), prior);
    }

    /** A Gaussian decoder's numbers are densities of grey levels, not probabilities of binarised pixels. */
    @Override
    public java.util.List<String> comparisonNotes(RunSpec spec) {
      return options(spec).decoder().binary() ? java.util.List.of()
          : java.util.List.of("Gaussian decoder on grey levels: its distortion and ELBO are densities of continuous pixel values, not probabilities of"
              + " binarised pixels as for the Bernoulli decoders.");
    }

    @Override
    protected boolean binaryData(O o) {
      return o.decoder().binary();
    }

    /** Adds, for two stochastic layers, the active units of z₁ and z₂. */
    @Override
    protected Map<String, Object> testNumbers(O o, ModelGraph graph, EvaluationResult test,
        dev.vaelab.core.data.Dataset testData) {
      Map<String, Object> m = super.testNumbers(o, graph, test, testData);
      m.put("prior", o.prior().id());
      if (o.layers() == 2) {
        TwoStochasticLayerVae spec = TwoStochasticLayerVae.burda();
        m.put("active_units_z1", activeUnits(test.varianceOfMean(), 0, (int) spec.latent1()));
        m.put("active_units_z2", activeUnits(test.varianceOfMean(), (int) spec.latent1(), (int) spec.latentSize()));
      }
      return m;
    }
  }

  /** Active units among dimensions [from, to). */
  static int activeUnits(double[] varianceOfMean, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (varianceOfMean[i] > dev.vaelab.core.eval.ActiveUnits.THRESHOLD) {
        n++;
      }
    }
    return n;
  }
}
