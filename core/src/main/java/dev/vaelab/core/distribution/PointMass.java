package dev.vaelab.core.distribution;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A point mass δ(z − z₀): the "posterior" of a deterministic encoder (a Wasserstein autoencoder's, a regularised
 * autoencoder's). Every sample is z₀ (broadcast to the shape asked for; gradients reach z₀); it has no density, so
 * {@link #logProb} refuses — there is no rate KL(δ ‖ p) (it is infinite) and no importance-sampled likelihood with it as
 * the proposal.
 */
public final class PointMass implements Distribution {
  private final Operand<TFloat32> loc;
  private final long eventSize;

  /** @param loc z₀, {@code [..., d]} with a known last dimension */
  public PointMass(Operand<TFloat32> loc) {
    this.loc = loc;
    this.eventSize = loc.shape().get(-1);
  }

  @Override
  public long eventSize() {
    return eventSize;
  }

  /** z₀ broadcast to {@code shape}. */
  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Seed seed) {
    return tf.math.add(tf.zeros(shape, TFloat32.class), loc);
  }

  /** Refused: a point mass has no density. */
  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> value) {
    throw new IllegalArgumentException("a deterministic encoder (a point mass at its output) has no density: no rate KL(q ‖ p) and no"
        + " importance-sampled log-likelihood with it as the proposal");
  }

  @Override
  public Operand<TFloat32> mean(Ops tf) {
    return loc;
  }

  @Override
  public boolean isReparameterized() {
    return true;
  }
}
