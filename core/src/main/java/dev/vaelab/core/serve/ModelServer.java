package dev.vaelab.core.serve;

import dev.vaelab.core.data.Batch;
import dev.vaelab.core.graph.Checkpoints;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.graph.ModelGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A trained model answering requests: a snapshot of a {@link ModelGraph}'s weights in two sessions
 * on its graph, built once and reused by every call, safe for any number of concurrent callers.
 *
 * <ul>
 *   <li>calls of at most {@link #SMALL_CALL_ROWS} rows run in a latency session: one intra-op
 *       thread and every op in the caller's thread (inter-op parallelism −1), so that a single row
 *       pays no hand-off between threads — splitting a one-row product over cores costs more than it
 *       saves;
 *   <li>larger calls run in a session with TensorFlow's default thread pools.
 * </ul>
 *
 * <pre>
 *   encode(y) = E_q[z | y]                       (posterior mean)
 *   score(y)  = the objective's per-example bound (the ELBO −(rate + distortion) for the ELBO, one z draw)
 *   decode(z) = E[y | z]                         (decoder mean)
 * </pre>
 *
 * The snapshot is taken when the server is made ({@link #refresh} takes a new one); training the
 * graph afterwards does not change what the server answers. Close it to free both sessions.
 */
public final class ModelServer implements AutoCloseable {
  /** Calls with at most this many rows use the latency session. */
  public static final int SMALL_CALL_ROWS = 32;
  /** The latency session's settings: one intra-op thread, every op in the caller's thread (inter-op −1). */
  static final ConfigProto LATENCY_CONFIG =
      ConfigProto.newBuilder().setIntraOpParallelismThreads(1).setInterOpParallelismThreads(-1).setUsePerSessionThreads(true).build();

  private final ModelGraph graph;
  private Session latency;
  private Session throughput;

  private ModelServer(ModelGraph graph) {
    this.graph = graph;
    refresh();
  }

  /** A server answering with {@code graph}'s current weights. */
  public static ModelServer of(ModelGraph graph) {
    if (graph.isConditional()) {
      throw new IllegalArgumentException("model '" + graph.spec().name() + "' is conditional; ModelServer serves unconditioned models");
    }
    return new ModelServer(graph);
  }

  /** Takes a new snapshot of the graph's weights (e.g. after more training). */
  public synchronized void refresh() {
    Path dir;
    try {
      dir = Files.createTempDirectory("vaelab-serve");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the weights snapshot", e);
    }
    try {
      Checkpoints.save(graph.session(), dir, 0);
      Session lat = new Session(graph.graph(), LATENCY_CONFIG);
      Session thr = new Session(graph.graph());
      Checkpoints.restoreLatest(lat, dir);
      Checkpoints.restoreLatest(thr, dir);
      closeSessions();
      latency = lat;
      throughput = thr;
    } finally {
      deleteTree(dir);
    }
  }

  /** E_q[z|y] of n rows (n × D values); returns n × d values. */
  public float[] encode(float[] rows, int n) {
    return fetch(graph.posteriorMean(), rows, n, false);
  }

  /** The per-example bound on ln p(y) of n rows (one noise draw each call); returns n values. */
  public float[] score(float[] rows, int n) {
    return fetch(graph.loss().bound(), rows, n, true);
  }

  /** E[y|z] of n latent rows (n × d values); returns n × D values. */
  public float[] decode(float[] latents, int n) {
    int d = (int) graph.model().latentSize();
    check(latents, n, d, "latent");
    try (TFloat32 t = Feeds.matrix(latents, n, d);
        Result r = session(n).runner().feed(graph.latentInput(), t).fetch(graph.decodedMean()).run()) {
      return Feeds.values(r.get(0));
    }
  }

  private float[] fetch(Operand<TFloat32> out, float[] rows, int n, boolean freshNoise) {
    int d = (int) graph.model().dataSize();
    check(rows, n, d, "data");
    List<Tensor> fed = new ArrayList<>();
    try {
      Session.Runner runner = graph.feed(session(n).runner(), Batch.of(rows, n), fed);
      if (freshNoise) {
        TInt64 draw = TInt64.scalarOf(graph.nextDraw());
        fed.add(draw);
        runner.feed(graph.drawIndex(), draw);
      }
      try (Result r = runner.fetch(out).run()) {
        return Feeds.values(r.get(0));
      }
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  private synchronized Session session(int n) {
    if (latency == null) {
      throw new IllegalStateException("this ModelServer is closed");
    }
    return n <= SMALL_CALL_ROWS ? latency : throughput;
  }

  /** Rejects n < 1 or fewer than n × width values, naming both. */
  static void check(float[] values, int n, int width, String what) {
    if (n < 1) {
      throw new IllegalArgumentException("number of rows must be >= 1, got " + n);
    }
    if (values == null || (long) values.length < (long) n * width) {
      throw new IllegalArgumentException(n + " " + what + " rows of " + width + " values need " + (long) n * width
          + " values, got " + (values == null ? "none" : values.length));
    }
  }

  private void closeSessions() {
    if (latency != null) {
      latency.close();
      latency = null;
    }
    if (throughput != null) {
      throughput.close();
      throughput = null;
    }
  }

  @Override
  public synchronized void close() {
    closeSessions();
  }

  private static void deleteTree(Path dir) {
    try {
      dev.vaelab.core.io.AtomicFiles.deleteRecursively(dir);
    } catch (IOException e) {
      // a leftover temporary folder is harmless
    }
  }

}
