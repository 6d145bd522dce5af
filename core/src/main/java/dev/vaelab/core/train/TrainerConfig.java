package dev.vaelab.core.train;

/**
 * How the {@link Trainer} optimises.
 *
 * @param learningRate Adam's step size (&gt; 0)
 * @param batchSize examples per minibatch (≥ 1); the last partial batch of an epoch is kept
 * @param seed seed of the shuffling (the graph's noise uses the model graph's seed)
 * @param dynamicBinarization re-draw binary pixels y ~ Bernoulli(pixel) for every minibatch
 */
public record TrainerConfig(double learningRate, int batchSize, long seed, boolean dynamicBinarization) {
  /** Adam's default step size, as in PyTorch's examples. */
  public static final double DEFAULT_LEARNING_RATE = 1e-3;
  /** The default minibatch size. */
  public static final int DEFAULT_BATCH_SIZE = 128;

  public TrainerConfig {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + learningRate);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
  }

  /** Defaults: lr 1e-3, batch 128, seed 0, static data. */
  public static TrainerConfig defaults() {
    return new TrainerConfig(DEFAULT_LEARNING_RATE, DEFAULT_BATCH_SIZE, 0, false);
  }
}
