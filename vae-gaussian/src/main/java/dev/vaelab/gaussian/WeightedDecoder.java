package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.model.Decoder;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A decoder together with its weight matrices, for objectives that regularise them ({@link RaeObjective}).
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
}
