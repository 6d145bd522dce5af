package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.model.Decoder;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A decoder together with its weight matrices, for objectives that regularise them or its input gradient ({@link
 * RaeObjective}).
 *
 * @param decoder P_dec(y|z)
 * @param weights its weight matrices (biases excluded)
 */
public record WeightedDecoder(Decoder decoder, List<Operand<TFloat32>> weights) implements Decoder {
  public WeightedDecoder {
    weights = List.copyOf(weights);
  }

  @Override
  public Distribution decode(Ops tf, Operand<TFloat32> z) {
    return decoder.decode(tf, z);
  }

  /** ∇_z Σ_j E[y_j|z] of the wrapped decoder ({@link MeanGradient}); refused, naming it, when it cannot give one. */
  public Operand<TFloat32> meanGradient(Ops tf, Operand<TFloat32> z) {
    if (!(decoder instanceof MeanGradient g)) {
      throw new IllegalArgumentException("the RAE's gradient penalty needs a decoder that gives the gradient of its mean (an MLP decoder), got "
          + decoder.getClass().getSimpleName());
    }
    return g.meanGradient(tf, z);
  }
}
