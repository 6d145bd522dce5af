package dev.vaelab.vq;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.model.Prior;
import dev.vaelab.core.nn.Parameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.Zeros;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.Multinomial;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The prior over codes: an independent categorical distribution at every latent position,
 * P_pri(k_1..k_P) = Π_p softmax(ℓ_p)[k_p]. Its logits ℓ start at 0 (the uniform prior, rate = P ln K
 * nats) and are set by {@link CodePriorFit} from the codes of the training set after training, so
 * that ancestral sampling produces images. (An autoregressive prior over the positions would
 * model their dependencies too; it is not built yet.)
 */
public final class CodePrior implements Prior {
  private final Variable<TFloat32> logits;
  private final VectorQuantizer quantizer;
  private final int positions;

  public CodePrior(Parameters params, String name, int positions, VectorQuantizer quantizer) {
    this.positions = positions;
    this.quantizer = quantizer;
    this.logits = params.createState(name + "_prior_logits", Shape.of(positions, quantizer.config().codebookSize()), new Zeros<>());
  }

  /** The logits variable, {@code [positions, K]}. */
  public Variable<TFloat32> logits() {
    return logits;
  }

  @Override
  public Distribution distribution(Ops tf) {
    return new Distribution() {
      final int d = quantizer.config().dimension();
      final int k = quantizer.config().codebookSize();

      @Override
      public long eventSize() {
        return (long) positions * d;
      }

      /** Draws a code at every position and returns the code vectors, {@code [n, positions · D]}. */
      @Override
      public Operand<TFloat32> sample(Ops t, Operand<TInt32> shape, Seed seed) {
        Operand<TInt32> n = t.squeeze(t.slice(shape, t.constant(new int[] {0}), t.constant(new int[] {1})));
        // int32 codes: TensorFlow's oneDNN path warns about int64 on machines without AVX-512
        Operand<TInt32> codes =
            seed.isStateless()
                ? t.random.statelessMultinomial(t.identity(logits), n, seed.statelessKey(t), TInt32.class)
                : t.random.multinomial(t.identity(logits), n, TInt32.class, Multinomial.seed(seed.seed()), Multinomial.seed2(seed.seed2())); // [P, n]
        Operand<TInt32> byExample = t.linalg.transpose(codes, t.constant(new int[] {1, 0})); // [n, P]
        Operand<TFloat32> vectors = t.gather(quantizer.codebookValue(), byExample, t.constant(0)); // [n, P, D]
        return t.reshape(vectors, t.stack(List.of(n, t.constant(positions * d))));
      }

      /** Σ_p ln softmax(ℓ_p)[k_p] with k_p the code nearest to each position of the value. */
      @Override
      public Operand<TFloat32> logProb(Ops t, Operand<TFloat32> value) {
        Operand<TFloat32> flat = t.reshape(value, t.constant(new int[] {-1, d}));
        Operand<TFloat32> e = quantizer.codebookValue();
        Operand<TFloat32> dist =
            t.math.sub(
                t.reshape(t.reduceSum(t.math.square(e), t.constant(1)), t.constant(new int[] {1, k})),
                t.math.mul(t.constant(2f), t.linalg.matMul(flat, e, org.tensorflow.op.linalg.MatMul.transposeB(true))));
        Operand<TInt64> codes = t.reshape(t.math.argMin(dist, t.constant(1)), t.constant(new int[] {-1, positions}));
        Operand<TFloat32> logSoftmax = t.nn.logSoftmax(t.identity(logits)); // [P, K]
        Operand<TFloat32> oneHot = t.oneHot(codes, t.constant(k), t.constant(1f), t.constant(0f)); // [b, P, K]
        return t.reduceSum(t.math.mul(oneHot, logSoftmax), t.constant(new int[] {1, 2}));
      }

      @Override
      public Operand<TFloat32> mean(Ops t) {
        throw new UnsupportedOperationException("the mean of a code prior is not a code; sample it instead");
      }

      @Override
      public boolean isReparameterized() {
        return false;
      }
    };
  }
}
