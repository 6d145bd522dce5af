package dev.vaelab.core.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.testing.GraphRunner;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The KL registry: registration, lookup along the type hierarchy, and the message for a missing pair. */
class KlRegistryTest {
  /** A point mass at a constant (only what the registry needs). */
  static class PointMass implements Distribution {
    final float at;

    PointMass(float at) {
      this.at = at;
    }

    @Override
    public long eventSize() {
      return 1;
    }

    @Override
    public Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Seed seed) {
      return tf.fill(shape, tf.constant(at));
    }

    @Override
    public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> value) {
      return tf.constant(0f);
    }

    @Override
    public Operand<TFloat32> mean(Ops tf) {
      return tf.constant(new float[] {at});
    }

    @Override
    public boolean isReparameterized() {
      return true;
    }
  }

  /** A subtype that has no registration of its own. */
  static final class LabelledPointMass extends PointMass {
    LabelledPointMass(float at) {
      super(at);
    }
  }

  /** A type nobody registered. */
  static final class Unregistered extends PointMass {
    Unregistered() {
      super(0);
    }
  }

  @Test
  void aRegisteredPairServesItsSubtypesAndAMissingPairIsNamed() {
    // a made-up closed form: (a − b)², to see which formula is found
    KlDivergence.<PointMass, PointMass>register(PointMass.class, PointMass.class,
        (tf, q, p) -> tf.constant((q.at - p.at) * (q.at - p.at)));
    assertThat(KlDivergence.hasAnalytic(new LabelledPointMass(1), new PointMass(3))).isTrue();
    float[] kl = GraphRunner.run(tf -> KlDivergence.between(tf, new LabelledPointMass(1), new LabelledPointMass(4)));
    assertThat((double) kl[0]).isCloseTo(9, within(1e-6));
    // the more specific registration wins
    KlDivergence.<LabelledPointMass, PointMass>register(LabelledPointMass.class, PointMass.class, (tf, q, p) -> tf.constant(-1f));
    assertThat(GraphRunner.run(tf -> KlDivergence.between(tf, new LabelledPointMass(1), new PointMass(4)))[0]).isEqualTo(-1f);
    assertThat(GraphRunner.run(tf -> KlDivergence.between(tf, new PointMass(1), new PointMass(4)))[0]).isEqualTo(9f);
    // no per-dimension form was registered: free bits cannot use it, and says so
    assertThat(KlDivergence.hasPerDimension(new PointMass(1), new PointMass(2))).isFalse();
    assertThatThrownBy(() -> GraphRunner.run(tf -> KlDivergence.perDimension(tf, new PointMass(1), new PointMass(2))))
        .hasMessageContaining("does not split over the event dimensions");
    // a pair with no registration: both types named
    assertThat(KlDivergence.hasAnalytic(new StandardNormal(1), new Unregistered())).isFalse();
    assertThatThrownBy(() -> GraphRunner.run(tf -> KlDivergence.between(tf, new StandardNormal(1), new Unregistered())))
        .hasMessageContaining("no analytic KL between StandardNormal and Unregistered");
  }
}
