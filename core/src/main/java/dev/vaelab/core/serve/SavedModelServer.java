package dev.vaelab.core.serve;

import dev.vaelab.core.graph.Feeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;

/**
 * An exported VAE — a TensorFlow SavedModel with the signatures {@code encode} (y →
 * posterior_mean) and {@code decode} (z → mean), as {@code vaelab export} writes — answering
 * requests in this JVM: loaded once into a latency session (one intra-op thread, every op in the
 * caller's thread) for calls of at most {@link ModelServer#SMALL_CALL_ROWS} rows and once into a
 * session with TensorFlow's default pools for batches, both reused by every call and safe for
 * concurrent callers. Close it to free both.
 */
public final class SavedModelServer implements AutoCloseable {
  private final Path dir;
  private SavedModelBundle latency;
  private SavedModelBundle throughput;
  private final Endpoint encode;
  private final Endpoint decode;

  /** A signature's input and output tensor names and widths. */
  private record Endpoint(String input, String output, int inWidth, int outWidth) {}

  private SavedModelServer(Path dir) {
    this.dir = dir;
    this.latency = SavedModelBundle.loader(dir.toString()).withTags("serve").withConfigProto(ModelServer.LATENCY_CONFIG).load();
    try {
      this.throughput = SavedModelBundle.loader(dir.toString()).withTags("serve").load();
      Map<String, SignatureDef> signatures = latency.metaGraphDef().getSignatureDefMap();
      this.encode = endpoint(signatures, "encode", "y", "posterior_mean");
      this.decode = endpoint(signatures, "decode", "z", "mean");
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Loads the SavedModel in {@code dir} (tag {@code serve}).
   *
   * @throws IllegalArgumentException when the folder holds no SavedModel, or one without the
   *     {@code encode} and {@code decode} signatures of {@code vaelab export}
   */
  public static SavedModelServer load(Path dir) {
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new IllegalArgumentException("no SavedModel in " + dir + " (expected " + dir.resolve("saved_model.pb")
          + ", as `vaelab export --run RUN --out " + dir + "` writes)");
    }
    return new SavedModelServer(dir);
  }

  /** E_q[z|y] of n rows (n × D values); returns n × d values. */
  public float[] encode(float[] rows, int n) {
    return call(encode, rows, n);
  }

  /** E[y|z] of n latent rows (n × d values); returns n × D values. */
  public float[] decode(float[] latents, int n) {
    return call(decode, latents, n);
  }

  /** D, the width of a data row. */
  public int dataSize() {
    return encode.inWidth();
  }

  /** d, the width of a latent row. */
  public int latentSize() {
    return encode.outWidth();
  }

  private float[] call(Endpoint e, float[] values, int n) {
    ModelServer.check(values, n, e.inWidth(), "input");
    try (TFloat32 t = Feeds.matrix(values, n, e.inWidth()); Result r = session(n).runner().feed(e.input(), t).fetch(e.output()).run()) {
      return Feeds.values(r.get(0));
    }
  }

  private synchronized Session session(int n) {
    if (latency == null) {
      throw new IllegalStateException("this SavedModelServer (" + dir + ") is closed");
    }
    return (n <= ModelServer.SMALL_CALL_ROWS ? latency : throughput).session();
  }

  private Endpoint endpoint(Map<String, SignatureDef> signatures, String name, String in, String out) {
    SignatureDef s = signatures.get(name);
    if (s == null || !s.getInputsMap().containsKey(in) || !s.getOutputsMap().containsKey(out)) {
      throw new IllegalArgumentException("the SavedModel in " + dir + " has no signature '" + name + "' (" + in + " → " + out
          + "); its signatures: " + signatures.keySet());
    }
    TensorInfo i = s.getInputsMap().get(in);
    TensorInfo o = s.getOutputsMap().get(out);
    return new Endpoint(i.getName(), o.getName(), width(i, name), width(o, name));
  }

  private int width(TensorInfo t, String signature) {
    var dims = t.getTensorShape().getDimList();
    if (dims.size() != 2 || dims.get(1).getSize() < 1) {
      throw new IllegalArgumentException("signature '" + signature + "' of " + dir + ": tensor " + t.getName()
          + " is not [batch, width] (shape " + t.getTensorShape() + ")");
    }
    return (int) dims.get(1).getSize();
  }

  @Override
  public synchronized void close() {
    if (latency != null) {
      latency.close();
      latency = null;
    }
    if (throughput != null) {
      throughput.close();
      throughput = null;
    }
  }
}
