package dev.vaelab.core.distribution;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * KL(q ‖ p) between two distributions: a registry of closed forms per pair of types (as TensorFlow
 * Probability registers KL), looked up along the type hierarchy, and an explicit Monte-Carlo
 * estimate for any pair.
 *
 * <h2>Mathematical details</h2>
 *
 * <pre>
 *   KL(N(μ_q, σ_q²) ‖ N(μ_p, σ_p²)) = ½ Σ_j [ ln(σ_p²/σ_q²) + (σ_q² + (μ_q − μ_p)²)/σ_p² − 1 ]
 *   KL(N(μ, σ²) ‖ N(0, I))          = ½ Σ_j [ μ² + σ² − 1 − ln σ² ]        (note 003)
 *   KL(Cat(π) ‖ Cat(ρ))             = Σ_k π_k (ln π_k − ln ρ_k)
 *   Monte Carlo:  KL ≈ ln q(z) − ln p(z),  z ~ q                               (note 001)
 * </pre>
 *
 * <p>A closed form registered for {@code (Q, P)} serves every pair whose types are Q and P or
 * subtypes of them; the most specific registration wins (q's type first, then p's, nearest first).
 * A pair may also register the KL of each event dimension (the terms of the sum), which free bits
 * needs; the Categorical pair has none, since its KL does not split over the K classes.
 */
public final class KlDivergence {
  /** A closed-form KL between a Q and a P, summed or per event dimension. */
  @FunctionalInterface
  public interface Formula<Q extends Distribution, P extends Distribution> {
    Operand<TFloat32> apply(Ops tf, Q q, P p);
  }

  private record Entry(Formula<Distribution, Distribution> total, Formula<Distribution, Distribution> perDimension) {}

  private static final Map<List<Class<?>>, Entry> REGISTRY = new ConcurrentHashMap<>();

  static {
    register(DiagonalGaussian.class, StandardNormal.class, null, KlDivergence::gaussianStandard);
    register(DiagonalGaussian.class, DiagonalGaussian.class, null, KlDivergence::gaussianGaussian);
    register(Categorical.class, Categorical.class, KlDivergence::categorical, null);
    register(GroupedCategorical.class, GroupedCategorical.class, KlDivergence::groupedCategorical, null);
  }

  private KlDivergence() {}

  /**
   * Registers the closed form of KL(q ‖ p) for q of type {@code qType} and p of type {@code
   * pType}: the sum over the event axis ({@code total}; null: the sum of {@code perDimension}) and,
   * if it splits, the terms per event dimension ({@code perDimension}, or null). A later
   * registration of the same pair replaces the earlier one.
   */
  @SuppressWarnings("unchecked")
  public static <Q extends Distribution, P extends Distribution> void register(
      Class<Q> qType, Class<P> pType, Formula<? super Q, ? super P> total, Formula<? super Q, ? super P> perDimension) {
    if (qType == null || pType == null || (total == null && perDimension == null)) {
      throw new IllegalArgumentException("register needs both types and at least one formula");
    }
    REGISTRY.put(List.of(qType, pType),
        new Entry((Formula<Distribution, Distribution>) (Formula<?, ?>) total, (Formula<Distribution, Distribution>) (Formula<?, ?>) perDimension));
  }

  /** Convenience for {@link #register(Class, Class, Formula, Formula)} with a summed formula only. */
  public static <Q extends Distribution, P extends Distribution> void register(Class<Q> qType, Class<P> pType, Formula<? super Q, ? super P> total) {
    register(qType, pType, total, null);
  }

  private static Entry lookup(Distribution q, Distribution p) {
    for (Class<?> qt : hierarchy(q.getClass())) {
      for (Class<?> pt : hierarchy(p.getClass())) {
        Entry e = REGISTRY.get(List.of(qt, pt));
        if (e != null) {
          return e;
        }
      }
    }
    return null;
  }

  /** The class, its superclasses and interfaces, nearest first (breadth-first). */
  private static List<Class<?>> hierarchy(Class<?> c) {
    Set<Class<?>> seen = new LinkedHashSet<>();
    Deque<Class<?>> queue = new ArrayDeque<>();
    queue.add(c);
    while (!queue.isEmpty()) {
      Class<?> x = queue.poll();
      if (!seen.add(x)) {
        continue;
      }
      if (x.getSuperclass() != null) {
        queue.add(x.getSuperclass());
      }
      queue.addAll(List.of(x.getInterfaces()));
    }
    return new ArrayList<>(seen);
  }

  /** Whether a closed form is registered for this pair. */
  public static boolean hasAnalytic(Distribution q, Distribution p) {
    return lookup(q, p) != null;
  }

  /** Whether the pair's closed form is also known per event dimension (needed by free bits). */
  public static boolean hasPerDimension(Distribution q, Distribution p) {
    Entry e = lookup(q, p);
    return e != null && e.perDimension() != null;
  }

  /**
   * Analytic KL(q ‖ p) summed over the event axis.
   *
   * @throws IllegalArgumentException naming both types if the pair has no closed form
   */
  public static Operand<TFloat32> between(Ops tf, Distribution q, Distribution p) {
    Entry e = require(q, p);
    return e.total() != null ? e.total().apply(tf, q, p) : tf.reduceSum(e.perDimension().apply(tf, q, p), tf.constant(-1));
  }

  /**
   * Analytic KL(q ‖ p) for each event dimension (the terms of the sum), shape of q's parameters.
   * Needed by free bits, which floors the KL of each latent dimension.
   *
   * @throws IllegalArgumentException if the pair has no closed form per dimension
   */
  public static Operand<TFloat32> perDimension(Ops tf, Distribution q, Distribution p) {
    Entry e = require(q, p);
    if (e.perDimension() == null) {
      throw new IllegalArgumentException("the KL between " + name(q) + " and " + name(p)
          + " has a closed form but does not split over the event dimensions");
    }
    return e.perDimension().apply(tf, q, p);
  }

  private static Entry require(Distribution q, Distribution p) {
    Entry e = lookup(q, p);
    if (e == null) {
      throw new IllegalArgumentException("no analytic KL between " + name(q) + " and " + name(p)
          + " is registered; use KlDivergence.monteCarlo(tf, q, p, z) with z ~ q, or KlDivergence.register one");
    }
    return e;
  }

  static String name(Distribution d) {
    return d.getClass().getSimpleName();
  }

  /**
   * Single-sample Monte-Carlo estimate ln q(z) − ln p(z) for z ~ q; unbiased for KL(q ‖ p) when
   * averaged over samples. Works for any pair.
   *
   * @param z samples from q, shape {@code [k, ..., d]} or q's parameter shape
   */
  public static Operand<TFloat32> monteCarlo(Ops tf, Distribution q, Distribution p, Operand<TFloat32> z) {
    return tf.math.sub(q.logProb(tf, z), p.logProb(tf, z));
  }

  /** ½ (μ² + σ² − 1 − ln σ²) per dimension. */
  private static Operand<TFloat32> gaussianStandard(Ops tf, DiagonalGaussian q, StandardNormal p) {
    Operand<TFloat32> mu = q.loc();
    Operand<TFloat32> logVar = tf.math.add(tf.zerosLike(mu), q.logVariance());
    Operand<TFloat32> t = tf.math.sub(tf.math.add(tf.math.square(mu), tf.math.exp(logVar)), tf.math.add(tf.constant(1f), logVar));
    return tf.math.mul(tf.constant(0.5f), t);
  }

  /** ½ [ln(σ_p²/σ_q²) + (σ_q² + (μ_q − μ_p)²)/σ_p² − 1] per dimension. */
  private static Operand<TFloat32> gaussianGaussian(Ops tf, DiagonalGaussian q, DiagonalGaussian p) {
    Operand<TFloat32> muQ = q.loc();
    Operand<TFloat32> logVarQ = tf.math.add(tf.zerosLike(muQ), q.logVariance());
    Operand<TFloat32> logVarP = p.logVariance();
    Operand<TFloat32> invVarP = tf.math.exp(tf.math.neg(logVarP));
    Operand<TFloat32> ratio = tf.math.mul(tf.math.add(tf.math.exp(logVarQ), tf.math.squaredDifference(muQ, p.loc())), invVarP);
    Operand<TFloat32> t = tf.math.sub(tf.math.add(tf.math.sub(logVarP, logVarQ), ratio), tf.constant(1f));
    return tf.math.mul(tf.constant(0.5f), t);
  }

  /** Σ_k π_k (ln π_k − ln ρ_k). */
  private static Operand<TFloat32> categorical(Ops tf, Categorical q, Categorical p) {
    Operand<TFloat32> lq = q.logProbs(tf);
    return tf.reduceSum(tf.math.mul(tf.math.exp(lq), tf.math.sub(lq, p.logProbs(tf))), tf.constant(-1));
  }

  /** Σ_n Σ_k π_{n,k} (ln π_{n,k} − ln ρ_{n,k}) over N groups of K classes. */
  private static Operand<TFloat32> groupedCategorical(Ops tf, GroupedCategorical q, GroupedCategorical p) {
    if (q.groups() != p.groups() || q.classes() != p.classes()) {
      throw new IllegalArgumentException("KL between grouped categoricals of " + q.groups() + "x" + q.classes() + " and " + p.groups() + "x"
          + p.classes() + " classes");
    }
    Operand<TFloat32> lq = q.logProbs(tf);
    return tf.reduceSum(tf.math.mul(tf.math.exp(lq), tf.math.sub(lq, p.logProbs(tf))), tf.constant(new int[] {-2, -1}));
  }
}
