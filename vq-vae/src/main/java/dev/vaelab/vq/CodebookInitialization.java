package dev.vaelab.vq;

import dev.vaelab.core.cluster.KMeans;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.graph.ModelGraph;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Optional k-means initialisation of the codebook from the encoder outputs of a first batch: core's
 * {@link KMeans} (k-means++ then Lloyd) over the batch's z_e vectors, written into the codebook
 * before training. Off by default. With an EMA codebook the first EMA update re-estimates the codes
 * from their assignments, which k-means has made sensible.
 */
public final class CodebookInitialization {
  /** Lloyd iterations. */
  public static final int ITERATIONS = 25;

  private CodebookInitialization() {}

  /** Runs k-means on z_e of the n rows in {@code batch} and assigns the centres to the codebook. */
  public static float[] kmeans(ModelGraph graph, VqVae spec, float[] batch, int n, long seed) {
    VectorQuantizer vq = spec.builtQuantizer();
    int k = vq.config().codebookSize();
    int d = vq.config().dimension();
    Ops tf = graph.tf().withSubScope("codebook_init");
    Operand<TFloat32> ze = tf.reshape(spec.builtEncoder().encodeContinuous(tf, graph.input()), tf.constant(new int[] {-1, d}));
    Placeholder<TFloat32> centres = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(k, d)));
    var assign = tf.assign(vq.codebook(), centres);
    float[] z;
    java.util.List<org.tensorflow.Tensor> fed = new java.util.ArrayList<>();
    try (Result r = graph.feed(graph.session().runner(), dev.vaelab.core.data.Batch.of(batch, n), fed).fetch(ze).run()) {
      z = Feeds.values(r.get(0));
    } finally {
      fed.forEach(org.tensorflow.Tensor::close);
    }
    int m = z.length / d;
    if (m < k) {
      throw new IllegalArgumentException("k-means initialisation needs at least K = " + k + " encoder vectors, the batch gives " + m);
    }
    float[] c = lloyd(z, m, d, k, new Random(seed));
    try (TFloat32 t = TFloat32.tensorOf(Shape.of(k, d), DataBuffers.of(c, true, false));
        Result r = graph.session().runner().feed(centres, t).addTarget(assign).run()) {
      return c;
    }
  }

  static float[] lloyd(float[] z, int m, int d, int k, Random random) {
    double[][] x = new double[m][d];
    for (int i = 0; i < m; i++) {
      for (int a = 0; a < d; a++) {
        x[i][a] = z[i * d + a];
      }
    }
    double[][] centres = KMeans.cluster(x, k, random, ITERATIONS).centres();
    float[] c = new float[k * d];
    for (int j = 0; j < k; j++) {
      for (int a = 0; a < d; a++) {
        c[j * d + a] = (float) centres[j][a];
      }
    }
    return c;
  }
}
