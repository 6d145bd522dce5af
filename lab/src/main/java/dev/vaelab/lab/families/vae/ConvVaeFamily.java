package dev.vaelab.lab.families.vae;

import dev.vaelab.lab.settings.Setting;
import dev.vaelab.lab.image.RunImages;
import dev.vaelab.lab.run.RunFolder;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.image.ImageGrid;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.model.PriorFactory;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.gaussian.ConvGaussianVae;
import dev.vaelab.gaussian.GaussianVae;
import dev.vaelab.core.data.ImageShape;
import java.util.Arrays;

/**
 * {@code --model conv-vae}: the Gaussian VAE with a convolutional encoder and decoder (core's Conv2d
 * and ConvTranspose2d, as in the VQ-VAE) on images of H × W × C, trained on the ELBO with β and any
 * of the continuous priors.
 */
public final class ConvVaeFamily extends VaeNetwork.Family<ConvVaeFamily.Options> {

  /**
   * Options of the convolutional VAE.
   *
   * @param imageShape H×W×C of the data's images (D = H·W·C; H and W multiples of 4); "" (the default): the data's shape
   * @param channels c₁, c₂ of the two stride-2 convolutions
   * @param hidden dense layers between the convolutional features and z
   * @param latent latent size d
   * @param decoder bernoulli, gaussian or gaussian-learned
   * @param beta the rate weight β
   * @param prior standard, mog or vamp
   * @param priorComponents K of the mog or vamp prior (0: its default)
   */
  public record Options(
      @Setting(names = "--image-shape", label = "HxWxC", help = "Shape of the data's images, H and W multiples of 4 (default: the data's; given, it must be the data's).")
      String imageShape,
      @Setting(names = "--channels", split = ",", label = "C", help = "Channels of the two stride-2 convolutions (default 32,64).")
      long[] channels,
      @Setting(names = "--hidden", split = ",", label = "H", help = "Dense layers between the convolutional features and z (default 256).")
      long[] hidden,
      @Setting(names = "--latent", label = "D", help = "Latent size d (default ${DEFAULT-VALUE}).")
      long latent,
      @Setting(names = "--decoder", help = "bernoulli (default; binarised data), gaussian or gaussian-learned (grey levels).")
      DecoderKind decoder,
      double beta,
      PriorKind prior,
      int priorComponents) implements VaeNetwork.Shape, VaeNetwork.RateWeight, dev.vaelab.lab.settings.Settings<Options> {
    public Options {
      if (channels == null || channels.length != 2) {
        throw new IllegalArgumentException("channels must be two sizes (c1,c2), got " + Arrays.toString(channels));
      }
      channels = channels.clone();
      VaeNetwork.Net net = VaeNetwork.check(hidden, latent, decoder, 0, prior, priorComponents, false);
      hidden = net.hidden();
      priorComponents = net.priorComponents();
      Elbo.standard().withBeta(beta);
      if (!imageShape.isEmpty()) {
        spec(ImageShape.parse(imageShape), channels, hidden, latent, decoder, PriorFactory.STANDARD_NORMAL); // validates the shape, naming the bad value
      }
    }

    public static Options defaults() {
      return new Options("", new long[] {32, 64}, ConvGaussianVae.DEFAULT_HIDDEN, GaussianVae.DEFAULT_LATENT_SIZE,
          VaeNetwork.DEFAULT_DECODER, Elbo.DEFAULT_BETA, PriorKind.STANDARD, 0);
    }
  }

  static ConvGaussianVae spec(ImageShape imageShape, long[] channels, long[] hidden, long latent, DecoderKind decoder, PriorFactory prior) {
    return new ConvGaussianVae(imageShape, new int[] {Math.toIntExact(channels[0]), Math.toIntExact(channels[1])}, hidden, latent,
        decoder.type(), GaussianVae.DEFAULT_DECODER_SIGMA, prior);
  }

  public ConvVaeFamily() {
    super("conv-vae", "Convolutional Gaussian VAE: Conv2d/ConvTranspose2d encoder and decoder for H×W×C images; ELBO with β; standard, mixture or VampPrior prior",
        Options.class, Options.defaults());
  }

  @Override
  protected ModelSpec modelSpec(Options o, ImageShape input, long seed) {
    return modelSpecWithPrior(o, input, o.prior().factory(o.priorComponents(), input.size()));
  }

  @Override
  protected ModelSpec modelSpecWithPrior(Options o, ImageShape input, PriorFactory prior) {
    return spec(shape(o, input), o.channels(), o.hidden(), o.latent(), o.decoder(), prior);
  }

  /** The data's shape; {@code --image-shape}, when given, must be it. */
  static ImageShape shape(Options o, ImageShape input) {
    if (input.isVector()) {
      throw new IllegalArgumentException("model conv-vae reads images; the data are vectors of " + input.width() + " features (use gaussian-vae)");
    }
    if (!o.imageShape().isEmpty() && !ImageShape.parse(o.imageShape()).equals(input)) {
      throw new IllegalArgumentException("--image-shape " + o.imageShape() + " differs from the data's images, " + input
          + "; leave --image-shape out to take the data's");
    }
    return input;
  }

  @Override
  protected Objective objective(Options o) {
    return Elbo.standard().withBeta(o.beta());
  }

  /** Image grids in the run's H × W (grey or RGB). */
  @Override
  protected void writeImages(Options o, ImageShape s, ModelGraph graph, Dataset test, RunFolder folder) {
    int m = Math.min(RECONSTRUCTIONS, test.size());
    var b = test.batch(0, m);
    ImageGrid.write(folder.file("samples.png"), RunImages.split(graph.sample(SAMPLES), SAMPLES), s.height(), s.width(), RunImages.COLUMNS, RunImages.SCALE);
    ImageGrid.writeReconstructions(folder.file("reconstructions.png"), RunImages.split(b.y(), m), RunImages.split(graph.reconstruct(b), m),
        s.height(), s.width(), RunImages.COLUMNS, RunImages.SCALE);
    RunImages.traversals(graph, test, s, folder.file("traversals.png"));
  }


}
