package dev.vaelab.core.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A stack of {@link Dense} layers with one nonlinearity after every hidden layer; the last layer
 * is linear. {@code sizes = [784, 400, 40]} is Linear(784, 400) − ReLU − Linear(400, 40).
 */
public final class Mlp {
  private final List<Dense> layers = new ArrayList<>();
  private final Activation activation;

  /**
   * @param name prefix of the layer names ({@code name_l0}, {@code name_l1}, ...)
   * @param sizes input size, hidden sizes, output size (at least two entries)
   */
  public Mlp(Parameters params, String name, long[] sizes, Activation activation, long seed) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException("Mlp needs at least an input and an output size, got " + sizes.length + " sizes");
    }
    this.activation = activation;
    for (int i = 0; i + 1 < sizes.length; i++) {
      layers.add(new Dense(params, name + "_l" + i, sizes[i], sizes[i + 1], seed * 1000 + i));
    }
  }

  /** The network's output for input x (rank 2 or more). */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> h = x;
    for (int i = 0; i < layers.size(); i++) {
      h = layers.get(i).apply(tf, h);
      if (i + 1 < layers.size()) {
        h = activation.apply(tf, h);
      }
    }
    return h;
  }
}
