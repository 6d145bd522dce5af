package dev.vaelab.core.train;

import dev.vaelab.core.data.Batch;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.graph.ModelGraph;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The pieces of a training step that data-parallel training takes apart, on one worker's graph:
 * the gradient of its batch as one flat vector, the update from a given (averaged) gradient, and the
 * whole training state as one flat vector to average or copy (parameters, their Adam moments, Adam's
 * β₁ᵗ and β₂ᵗ, then the model's own state).
 *
 * <p>With W workers holding n_w rows each of a step's batch, each computes g_w = ∇θ (1/n_w) Σ_i ℓ_i
 * ({@link #gradient}); the averaged gradient
 *
 * <pre>
 *   ḡ = Σ_w n_w g_w / Σ_w n_w  =  ∇θ (1/n) Σ_{all i} ℓ_i
 * </pre>
 *
 * is the gradient of the whole batch, and every worker applies it ({@link #apply}): plain SGD θ ← θ −
 * η ḡ, or the framework's Adam with its bias correction ordered ({@link OrderedAdam}, the slots and
 * names of {@link Trainer}'s, so a checkpoint written from this graph continues under {@code Trainer}).
 * Alternatively each worker takes local steps ({@link #localStep}) and the workers average their
 * state ({@link #state}, {@link #setState}: parameters, Adam moments m and v, model state such as an
 * EMA codebook) every H steps. Each step also applies the objective's own updates and adds one to the
 * step counter, as {@code Trainer} does.
 */
public final class DataParallelStep {
  /** The update rule. */
  public enum Optimizer {
    /** θ ← θ − η g. */
    SGD,
    /** Adam (Kingma and Ba 2015) with the framework's β₁, β₂, ε, as {@link Trainer}. */
    ADAM;

    /** By name (sgd, adam). */
    public static Optimizer named(String name) {
      for (Optimizer o : values()) {
        if (o.name().equalsIgnoreCase(name)) {
          return o;
        }
      }
      throw new IllegalArgumentException("optimizer must be sgd or adam, got '" + name + "'");
    }
  }

  private final ModelGraph graph;
  private final Optimizer optimizer;
  private final Operand<TFloat32> flatGradient;
  private final PlaceholderWithDefault<TFloat32> appliedGradient;
  private final Operand<TFloat32> terms;
  private final Op train;
  private final Op applyOnly;
  private final int gradientSize;
  private final boolean hasUpdates;
  private final List<Output<TFloat32>> stateVariables = new ArrayList<>();
  private final List<Operand<TFloat32>> stateReads = new ArrayList<>();
  private final List<Placeholder<TFloat32>> stateInputs = new ArrayList<>();
  private final List<long[]> stateShapes = new ArrayList<>();
  private final Op assignState;
  private final int stateSize;
  private final int trainedStateSize;
  private final Placeholder<TInt64> stepInput;
  private final Operand<TInt64> stepRead;
  private final Op assignStep;

  /** Adds the step's ops to {@code graph} (not also a {@link Trainer}: both name Adam's variables alike). */
  public DataParallelStep(ModelGraph graph, Optimizer optimizer, float learningRate) {
    if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
    }
    this.graph = graph;
    this.optimizer = optimizer;
    Ops tf = graph.tf();
    List<Variable<TFloat32>> params = graph.parameters().variables();
    if (params.isEmpty()) {
      throw new IllegalArgumentException("model '" + graph.spec().name() + "' has no trainable parameters");
    }
    var grads = tf.gradients(graph.loss().total(), params);
    List<Operand<TFloat32>> pieces = new ArrayList<>();
    List<long[]> shapes = new ArrayList<>();
    int size = 0;
    for (int i = 0; i < params.size(); i++) {
      pieces.add(tf.reshape(grads.<TFloat32>dy(i), tf.constant(new long[] {-1})));
      long[] s = params.get(i).shape().asArray();
      shapes.add(s);
      size += Math.toIntExact(params.get(i).shape().size());
    }
    this.gradientSize = size;
    this.flatGradient = tf.withName("dp_gradient").concat(pieces, tf.constant(0));
    // fed: the averaged gradient of every worker; not fed: this worker's own (a local step)
    this.appliedGradient = tf.withName("dp_applied_gradient").placeholderWithDefault(flatGradient, Shape.of(size));
    List<Op> updates = new ArrayList<>();
    List<org.tensorflow.framework.optimizers.Optimizer.GradAndVar<? extends org.tensorflow.types.family.TType>> pairs = new ArrayList<>();
    int offset = 0;
    for (int i = 0; i < params.size(); i++) {
      int n = Math.toIntExact(params.get(i).shape().size());
      Operand<TFloat32> g = tf.reshape(tf.slice(appliedGradient, tf.constant(new int[] {offset}), tf.constant(new int[] {n})),
          tf.constant(shapes.get(i)));
      offset += n;
      pairs.add(new org.tensorflow.framework.optimizers.Optimizer.GradAndVar<TFloat32>(g.asOutput(), params.get(i).asOutput()));
      if (optimizer == Optimizer.SGD) {
        updates.add(tf.assignSub(params.get(i), tf.math.mul(g, tf.constant(learningRate))));
      }
    }
    // Adam's slots exist in both modes, so that a checkpoint has every variable Trainer restores
    Adam adam = new OrderedAdam(graph.graph(), learningRate);
    Op adamApply = adam.applyGradients(pairs, "adam");
    Op apply = optimizer == Optimizer.ADAM ? adamApply : tf.withControlDependencies(updates).noOp();
    Ops after = tf.withControlDependencies(List.of(apply));
    List<Op> all = new ArrayList<>(graph.loss().updates(after));
    this.hasUpdates = !all.isEmpty();
    all.add(after.assignAdd(graph.step(), tf.constant(1L)));
    this.train = tf.withControlDependencies(all).withName("dp_train_step").noOp();
    // a worker without rows in a step applies the average without the batch's own updates
    this.applyOnly = tf.withControlDependencies(List.of(after.assignAdd(graph.step(), tf.constant(1L)))).withName("dp_apply_only").noOp();
    this.terms = tf.withName("dp_terms").stack(List.of(graph.loss().total(), graph.rateMean(), graph.distortionMean()));

    // the training state: parameters, model state, Adam's moments (every float variable but the data)
    List<Output<TFloat32>> vars = new ArrayList<>();
    for (Variable<TFloat32> v : params) {
      vars.add(v.asOutput());
      addSlot(graph, v, "-m", vars);
      addSlot(graph, v, "-v", vars);
    }
    for (String power : List.of("beta1_power", "beta2_power")) { // Adam's β₁ᵗ, β₂ᵗ: the same on every worker
      GraphOperation op = graph.graph().operation(power);
      if (op != null) {
        @SuppressWarnings("unchecked")
        Output<TFloat32> v = (Output<TFloat32>) (Output<?>) op.output(0);
        vars.add(v);
      }
    }
    int trained = 0;
    for (Output<TFloat32> v : vars) {
      trained += Math.toIntExact(v.shape().size());
    }
    this.trainedStateSize = trained;
    for (Variable<TFloat32> v : graph.parameters().states()) {
      vars.add(v.asOutput());
    }
    List<Op> assigns = new ArrayList<>();
    int total = 0;
    for (Output<TFloat32> v : vars) {
      long[] s = v.shape().asArray();
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(v.shape()));
      stateVariables.add(v);
      stateReads.add(tf.identity(v));
      stateInputs.add(in);
      stateShapes.add(s);
      assigns.add(tf.assign(v, in));
      total += Math.toIntExact(v.shape().size());
    }
    this.stateSize = total;
    this.assignState = tf.withControlDependencies(assigns).withName("dp_assign_state").noOp();
    this.stepInput = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    this.stepRead = tf.identity(graph.step());
    this.assignStep = tf.withControlDependencies(List.of(tf.assign(graph.step(), stepInput))).withName("dp_assign_step").noOp();

  }

  @SuppressWarnings("unchecked")
  private static void addSlot(ModelGraph graph, Variable<TFloat32> v, String suffix, List<Output<TFloat32>> vars) {
    GraphOperation slot = graph.graph().operation(v.op().name() + suffix);
    if (slot != null) {
      vars.add((Output<TFloat32>) (Output<?>) slot.output(0));
    }
  }

  /** Values in a flat gradient (the number of trainable parameters). */
  public int gradientSize() {
    return gradientSize;
  }

  /** Values in the flat training state. */
  public int stateSize() {
    return stateSize;
  }

  /** The leading values of {@link #state()} that are parameters, their Adam moments and β-powers (the model's own state follows). */
  public int trainedStateSize() {
    return trainedStateSize;
  }

  /** Whether the objective updates state outside the gradient (an EMA codebook, usage counts): in data-parallel training the workers then also average {@link #state}, which holds it. */
  public boolean hasNonGradientUpdates() {
    return hasUpdates;
  }

  /** The optimizer of {@link #apply} and {@link #localStep}. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /** A flat gradient and the step's loss terms [total, rate, distortion] (batch means). */
  public record Gradient(float[] values, float[] terms) {}

  /**
   * ∇θ of the batch's mean loss, flattened parameter after parameter, with the noise of draw index
   * {@code draw} at the current step (workers use their index: different noise each).
   */
  public Gradient gradient(Batch batch, long draw) {
    List<org.tensorflow.Tensor> fed = new ArrayList<>();
    try (TInt64 d = TInt64.scalarOf(draw)) {
      Session.Runner r = graph.feed(graph.session().runner(), batch, fed).feed(graph.drawIndex(), d);
      try (Result res = r.fetch(flatGradient).fetch(terms).run()) {
        return new Gradient(Feeds.values(res.get(0)), Feeds.values(res.get(1)));
      }
    } finally {
      fed.forEach(org.tensorflow.Tensor::close);
    }
  }

  /**
   * Applies the given gradient (every worker the same: the average), then the step's other updates:
   * the objective's own (an EMA codebook, usage counts) computed on this worker's {@code batch} with
   * the noise of {@code draw}, or none when the worker had no rows this step ({@code batch} null).
   */
  public void apply(float[] gradient, Batch batch, long draw) {
    if (gradient.length != gradientSize) {
      throw new IllegalArgumentException("a gradient of this model has " + gradientSize + " values, got " + gradient.length);
    }
    List<org.tensorflow.Tensor> fed = new ArrayList<>();
    try (TFloat32 g = TFloat32.tensorOf(Shape.of(gradientSize), DataBuffers.of(gradient, true, false)); TInt64 d = TInt64.scalarOf(draw)) {
      Session.Runner r = graph.session().runner().feed(appliedGradient, g);
      if (hasUpdates && batch != null) {
        graph.feed(r, batch, fed).feed(graph.drawIndex(), d).addTarget(train);
      } else {
        r.addTarget(hasUpdates ? applyOnly : train);
      }
      try (Result res = r.run()) {
        // target only
      }
    } finally {
      fed.forEach(org.tensorflow.Tensor::close);
    }
  }

  /** One ordinary step on this worker's batch (its own gradient, its own updates); returns its loss terms. */
  public float[] localStep(Batch batch, long draw) {
    List<org.tensorflow.Tensor> fed = new ArrayList<>();
    try (TInt64 d = TInt64.scalarOf(draw)) {
      Session.Runner r = graph.feed(graph.session().runner(), batch, fed).feed(graph.drawIndex(), d);
      try (Result res = r.fetch(terms).addTarget(train).run()) {
        return Feeds.values(res.get(0));
      }
    } finally {
      fed.forEach(org.tensorflow.Tensor::close);
    }
  }

  /** The training state as one flat vector (parameters, Adam's m and v, model state; fixed order). */
  public float[] state() {
    float[] out = new float[stateSize];
    Session.Runner r = graph.session().runner();
    stateReads.forEach(r::fetch);
    try (Result res = r.run()) {
      int at = 0;
      for (int i = 0; i < stateReads.size(); i++) {
        float[] v = Feeds.values(res.get(i));
        System.arraycopy(v, 0, out, at, v.length);
        at += v.length;
      }
    }
    return out;
  }

  /** Sets the training state from a vector of {@link #state()}'s layout. */
  public void setState(float[] state) {
    if (state.length != stateSize) {
      throw new IllegalArgumentException("a training state of this model has " + stateSize + " values, got " + state.length);
    }
    List<org.tensorflow.Tensor> fed = new ArrayList<>();
    try {
      Session.Runner r = graph.session().runner();
      int at = 0;
      for (int i = 0; i < stateInputs.size(); i++) {
        int n = 1;
        for (long s : stateShapes.get(i)) {
          n *= (int) s;
        }
        TFloat32 t = TFloat32.tensorOf(Shape.of(stateShapes.get(i)), DataBuffers.of(java.util.Arrays.copyOfRange(state, at, at + n), true, false));
        fed.add(t);
        r.feed(stateInputs.get(i), t);
        at += n;
      }
      try (Result res = r.addTarget(assignState).run()) {
        // target only
      }
    } finally {
      fed.forEach(org.tensorflow.Tensor::close);
    }
  }

  /** Sets the step counter (the noise of the next step and Trainer's count follow it). */
  public void setSteps(long steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0, got " + steps);
    }
    try (TInt64 t = TInt64.scalarOf(steps);
        Result r = graph.session().runner().feed(stepInput, t).addTarget(assignStep).run()) {
      // target only
    }
  }

  /** The step counter (steps taken, as Trainer counts them). */
  public long steps() {
    try (Result r = graph.session().runner().fetch(stepRead).run()) {
      return ((TInt64) r.get(0)).getLong();
    }
  }
}
