package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.PointMass;
import dev.vaelab.core.model.Decoder;
import dev.vaelab.core.model.Encoder;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.model.StandardNormalPrior;
import dev.vaelab.core.nn.Mlp;
import dev.vaelab.core.nn.Parameters;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * An autoencoder with a deterministic encoder as a triad: P_enc(z|y) = δ(z − E(y)) ({@link PointMass}, E the MLP
 * y → z), the prior N(0, I) (what a WAE matches the codes to; what prior samples of a RAE are drawn from) and the
 * decoder of {@code sizes} (a {@link WeightedDecoder}, so a RAE can penalise its weights). The networks are the
 * Gaussian VAE's of the same sizes, the encoder with d outputs instead of 2d.
 *
 * @param sizes the Gaussian VAE whose sizes, activation and decoder this model has (unconditioned, standard prior)
 */
public record DeterministicAutoencoder(GaussianVae sizes) implements ModelSpec {
  public DeterministicAutoencoder {
    if (sizes == null || sizes.contextSize() > 0) {
      throw new IllegalArgumentException("a deterministic autoencoder needs unconditioned sizes");
    }
  }

  @Override
  public String name() {
    return "deterministic-autoencoder";
  }

  @Override
  public long dataSize() {
    return sizes.dataSize();
  }

  @Override
  public long latentSize() {
    return sizes.latentSize();
  }

  @Override
  public LatentVariableModel build(Ops tf, Parameters params, long seed) {
    long d = sizes.latentSize();
    Mlp net = new Mlp(params, "enc", GaussianVae.sizes(sizes.dataSize(), sizes.hidden(), d), sizes.activation(), seed * 2 + 1);
    int before = params.variables().size();
    Decoder dec = sizes.decoder(params, d, seed);
    List<Operand<TFloat32>> weights = new ArrayList<>();
    params.readsFrom(before).stream().filter(w -> w.shape().numDimensions() == 2).forEach(weights::add);
    Encoder enc = (t, y) -> new PointMass(net.apply(t, y));
    StandardNormalPrior prior = new StandardNormalPrior(d);
    return new LatentVariableModel(enc, prior, new WeightedDecoder(dec, weights), sizes.dataSize(), d);
  }

  @Override
  public void checkData(dev.vaelab.core.data.Dataset data) {
    sizes.checkData(data);
  }
}
