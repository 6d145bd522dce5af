package dev.vaelab.core.train;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;

/**
 * Writes TensorBoard event files with TensorFlow's own summary ops ({@code CreateSummaryFileWriter},
 * {@code WriteScalarSummary}, {@code WriteImageSummary}, {@code FlushSummaryWriter}) from a small
 * graph of its own: an {@code events.out.tfevents.*} file in the folder given, read by TensorBoard.
 * As a {@link TrainingListener} it writes every epoch's metrics as scalars at the epoch's number:
 * {@code train/elbo}, {@code train/rate}, {@code train/distortion}, {@code train/loss},
 * {@code test/elbo}, {@code test/rate}, {@code test/distortion}, {@code test/bound},
 * {@code train/skipped_batches}, {@code train/seconds} (NaN values, e.g. without a test set, are left out).
 * Each write is flushed, so a killed run keeps what it wrote.
 */
public final class TensorBoardWriter implements TrainingListener, AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final Placeholder<TInt64> step;
  private final Placeholder<TString> tag;
  private final Placeholder<TFloat32> value;
  private final Placeholder<TUint8> image;
  private final Op writeScalar;
  private final Op writeImage;
  private final Op flush;
  private final Op closeWriter;
  private boolean closed;
  private static final java.util.concurrent.atomic.AtomicLong INSTANCES = new java.util.concurrent.atomic.AtomicLong();

  /**
   * Opens (creating it) {@code dir} for event files.
   *
   * @throws java.io.UncheckedIOException if the folder cannot be created
   */
  public TensorBoardWriter(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    graph = new Graph();
    Ops tf = Ops.create(graph);
    Operand<? extends TType> writer = tf.summary.summaryWriter(org.tensorflow.op.summary.SummaryWriter.sharedName("vaelab_tensorboard_" + INSTANCES.incrementAndGet()));
    Op create = tf.summary.createSummaryFileWriter(writer, tf.constant(dir.toAbsolutePath().toString()), tf.constant(16), tf.constant(1000),
        tf.constant(".vaelab"));
    step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    tag = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    value = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    image = tf.placeholder(TUint8.class, Placeholder.shape(Shape.of(-1, -1, -1, -1)));
    writeScalar = tf.summary.writeScalarSummary(writer, step, tag, value);
    writeImage = tf.summary.writeImageSummary(writer, step, tag, image, tf.constant(new byte[] {(byte) 255, 0, 0, (byte) 255}),
        org.tensorflow.op.summary.WriteImageSummary.maxImages(1L));
    flush = tf.summary.flushSummaryWriter(writer);
    closeWriter = tf.summary.closeSummaryWriter(writer);
    session = new Session(graph);
    try {
      run(session.runner().addTarget(create));
    } catch (RuntimeException e) { // the folder cannot be written: free what was built
      session.close();
      graph.close();
      throw e;
    }
  }

  /** Runs targets only; the (empty) Result is closed too. */
  private static void run(Session.Runner runner) {
    try (org.tensorflow.Result ignored = runner.run()) {
      // targets only: nothing fetched
    }
  }

  /** Writes {@code v} under {@code name} at {@code atStep}; NaN is skipped. */
  public synchronized void scalar(String name, long atStep, double v) {
    if (Double.isNaN(v)) {
      return;
    }
    check();
    try (TInt64 s = TInt64.scalarOf(atStep); TString t = TString.scalarOf(name); TFloat32 x = TFloat32.scalarOf((float) v)) {
      run(session.runner().feed(step, s).feed(tag, t).feed(value, x).addTarget(writeScalar).addTarget(flush));
    }
  }

  /** Writes an RGB or grey picture (a PNG grid, say) under {@code name} at {@code atStep}. */
  public synchronized void image(String name, long atStep, BufferedImage picture) {
    check();
    int h = picture.getHeight();
    int w = picture.getWidth();
    byte[] rgb = new byte[h * w * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = picture.getRGB(x, y);
        int at = (y * w + x) * 3;
        rgb[at] = (byte) (p >> 16);
        rgb[at + 1] = (byte) (p >> 8);
        rgb[at + 2] = (byte) p;
      }
    }
    try (TInt64 s = TInt64.scalarOf(atStep); TString t = TString.scalarOf(name);
        TUint8 im = TUint8.tensorOf(Shape.of(1, h, w, 3), DataBuffers.of(rgb, true, false))) {
      run(session.runner().feed(step, s).feed(tag, t).feed(image, im).addTarget(writeImage).addTarget(flush));
    }
  }

  @Override
  public void onEpochEnd(EpochMetrics m) {
    long e = m.epoch();
    scalar("train/elbo", e, m.trainElbo());
    scalar("train/rate", e, m.trainRate());
    scalar("train/distortion", e, m.trainDistortion());
    scalar("train/loss", e, m.trainLoss());
    scalar("train/skipped_batches", e, m.skippedBatches());
    scalar("train/seconds", e, m.seconds());
    scalar("test/elbo", e, m.testElbo());
    scalar("test/rate", e, m.testRate());
    scalar("test/distortion", e, m.testDistortion());
    scalar("test/bound", e, m.testBound());
  }

  private void check() {
    if (closed) {
      throw new IllegalStateException("the TensorBoard writer is closed");
    }
  }

  /** Flushes and closes the event file, then frees the graph. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      run(session.runner().addTarget(flush));
      run(session.runner().addTarget(closeWriter));
    } finally {
      session.close();
      graph.close();
    }
  }
}
