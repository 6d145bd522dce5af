package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.Bernoulli;
import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.model.Decoder;
import dev.vaelab.core.nn.Activation;
import dev.vaelab.core.nn.Mlp;
import dev.vaelab.core.nn.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** P_dec(y|z) = Π_j Bernoulli(y_j; sigmoid(l_j(z))), with an MLP z → logits l. For binary images. */
public final class BernoulliDecoder implements Decoder, MeanGradient {
  private final Mlp net;

  public BernoulliDecoder(Parameters params, long latentSize, long[] hidden, long dataSize, Activation activation, long seed) {
    this.net = new Mlp(params, "dec", GaussianVae.sizes(latentSize, hidden, dataSize), activation, seed);
  }

  @Override
  public Distribution decode(Ops tf, Operand<TFloat32> z) {
    return new Bernoulli(net.apply(tf, z));
  }

  /** ∇_z Σ_j sigmoid(l_j(z)): the network's vector-Jacobian product at v_j = σ(l_j)(1 − σ(l_j)). */
  @Override
  public Operand<TFloat32> meanGradient(Ops tf, Operand<TFloat32> z) {
    return net.vectorJacobian(tf, z, null, l -> {
      Operand<TFloat32> p = tf.math.sigmoid(l);
      return tf.math.mul(p, tf.math.sub(tf.constant(1f), p));
    });
  }
}
