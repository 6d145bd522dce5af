package dev.vaelab.core.train;

import java.io.PrintStream;

/**
 * A text progress bar on a stream: redrawn in place on a terminal, one line per epoch otherwise
 * (so logs stay readable).
 */
public final class ProgressBar implements TrainingListener {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final int epochs;
  private final boolean interactive;
  private final boolean elbo;
  private long lastDraw;

  /** @param epochs total epochs, for the "epoch e/E" label */
  public ProgressBar(PrintStream out, int epochs) {
    this(out, epochs, System.console() != null, true);
  }

  /**
   * @param epochs total epochs, for the "epoch e/E" label
   * @param elbo whether the model has an ELBO; a model without one (a deterministic encoder: WAE, RAE) is reported by its
   *     distortion alone, train and test
   */
  public ProgressBar(PrintStream out, int epochs, boolean elbo) {
    this(out, epochs, System.console() != null, elbo);
  }

  ProgressBar(PrintStream out, int epochs, boolean interactive, boolean elbo) {
    this.out = out;
    this.epochs = epochs;
    this.interactive = interactive;
    this.elbo = elbo;
  }

  @Override
  public void onBatch(int epoch, int batch, int batchesPerEpoch, double loss) {
    if (!interactive) {
      return;
    }
    long now = System.nanoTime();
    if (batch < batchesPerEpoch && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    int filled = (int) ((long) WIDTH * batch / batchesPerEpoch);
    out.printf(
        "\repoch %d/%d [%s%s] %d/%d loss %.2f",
        epoch, epochs, "=".repeat(filled), " ".repeat(WIDTH - filled), batch, batchesPerEpoch, loss);
    out.flush();
  }

  @Override
  public void onEpochEnd(EpochMetrics m) {
    if (interactive) {
      out.print("\r" + " ".repeat(WIDTH + 60) + "\r");
    }
    String skipped = m.skippedBatches() == 0 ? "" : String.format("  %d non-finite batch%s skipped", m.skippedBatches(), m.skippedBatches() == 1 ? "" : "es");
    if (!elbo) { // no rate: the "ELBO" the trainer reports is −distortion
      out.printf("epoch %d/%d  %.2fs  train distortion %.2f%s%s%n", m.epoch(), epochs, m.seconds(), m.trainDistortion(),
          Double.isNaN(m.testElbo()) ? "" : String.format("  test distortion %.2f", -m.testElbo()), skipped);
      out.flush();
      return;
    }
    out.printf(
        "epoch %d/%d  %.2fs  train ELBO %.2f (rate %.2f, distortion %.2f)%s%s%n",
        m.epoch(),
        epochs,
        m.seconds(),
        m.trainElbo(),
        m.trainRate(),
        m.trainDistortion(),
        Double.isNaN(m.testElbo()) ? "" : String.format("  test ELBO %.2f", m.testElbo()),
        skipped);
    out.flush();
  }
}
