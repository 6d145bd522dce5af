package dev.vaelab.vq;

import dev.vaelab.core.graph.Checkpoints;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Fits a {@link PixelCnnPrior} to training code maps by maximum likelihood, epoch by epoch, with a
 * checkpoint after every epoch (weights, Adam state and the curve so far, in one atomically renamed
 * folder): a fit interrupted at any moment continues from its last complete epoch and sees the same
 * minibatches as an uninterrupted one (the order of epoch e depends only on the seed and e).
 */
public final class PixelCnnFit {
  /** The curve file stored in every checkpoint. */
  public static final String CURVE_FILE = "code-prior-curve.csv";

  /** One epoch: the mean training rate over its steps and the test rate after it, nats per map. */
  public record Epoch(int epoch, double trainRate, double testRate, double seconds) {}

  private PixelCnnFit() {}

  /**
   * Trains {@code prior} until it has seen {@code epochs} epochs of the {@code nTrain} training maps,
   * continuing from the newest checkpoint in {@code dir} if there is one; returns every epoch's
   * numbers (those restored included).
   */
  public static List<Epoch> fit(PixelCnnPrior prior, int[] train, int nTrain, int[] test, int nTest, int epochs, long seed, Path dir,
      Consumer<String> log) {
    if (epochs < 0) {
      throw new IllegalArgumentException("code prior epochs must be >= 0, got " + epochs);
    }
    List<Epoch> curve = new ArrayList<>();
    int done = 0;
    if (!Checkpoints.candidates(dir).isEmpty()) {
      done = prior.restore(dir, w -> log.accept("warning: " + w));
      Path latest = Checkpoints.latest(dir).orElseThrow();
      Checkpoints.readExtra(latest, CURVE_FILE).ifPresent(text -> curve.addAll(parse(text)));
      log.accept("code prior: continuing after epoch " + done + " of " + epochs + " from " + latest);
    }
    for (int e = done + 1; e <= epochs; e++) {
      long t0 = System.nanoTime();
      double trainRate = prior.trainEpoch(train, nTrain, seed, e);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double testRate = nTest > 0 ? prior.rate(test, nTest) : Double.NaN;
      curve.add(new Epoch(e, trainRate, testRate, seconds));
      Checkpoints.save(prior.session(), dir, e, Map.of(CURVE_FILE, format(curve)));
      log.accept(String.format("code prior epoch %d/%d: %.1f s, train rate %.3f, test rate %.3f nats per map", e, epochs, seconds,
          trainRate, testRate));
    }
    return curve;
  }

  static String format(List<Epoch> curve) {
    StringBuilder b = new StringBuilder("epoch,train_rate,test_rate,seconds\n");
    for (Epoch e : curve) {
      b.append(e.epoch()).append(',').append(e.trainRate()).append(',').append(e.testRate()).append(',').append(e.seconds()).append('\n');
    }
    return b.toString();
  }

  static List<Epoch> parse(String text) {
    List<Epoch> out = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] f = lines[i].split(",");
      if (f.length != 4) {
        throw new IllegalArgumentException(CURVE_FILE + " line " + (i + 1) + ": expected 4 fields, got '" + lines[i] + "'");
      }
      out.add(new Epoch(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])));
    }
    return out;
  }
}
