import org.tensorflow.*;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
public class Mm32 {
  public static void main(String[] args) {
    int[][] shapes = {{128, 784, 400}, {128, 400, 784}, {640, 400, 784}, {784, 128, 400}, {400, 128, 784}};
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      for (int[] s : shapes) {
        var a = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(s[0], s[1])));
        var b = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(s[1], s[2])));
        var at = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(s[1], s[0])));
        Operand<TFloat32> plain = tf.linalg.matMul(a, b);
        Operand<TFloat32> ta = tf.linalg.matMul(at, b, MatMul.transposeA(true));
        // 10 independent products per run to amortise the run
        java.util.List<Operand<TFloat32>> many = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) many.add(tf.reduceSum(tf.linalg.matMul(tf.math.add(a, tf.constant((float) i)), b), tf.constant(new int[] {0, 1})));
        Operand<TFloat32> sum = tf.math.addN(many);
        try (Session sess = new Session(g); TFloat32 ta_ = TFloat32.tensorOf(Shape.of(s[0], s[1])); TFloat32 tb = TFloat32.tensorOf(Shape.of(s[1], s[2])); TFloat32 tat = TFloat32.tensorOf(Shape.of(s[1], s[0]))) {
          for (Operand<TFloat32> out : java.util.List.of(plain, ta)) {
            for (int rep = 0; rep < 2; rep++) {
              long t0 = System.nanoTime();
              int n = 300;
              for (int i = 0; i < n; i++) try (Result r = sess.runner().feed(a, ta_).feed(b, tb).feed(at, tat).fetch(out).run()) {}
              double ms = (System.nanoTime() - t0) / 1e6 / n;
              if (rep == 1) System.out.printf("%s %s %.3f ms  %.0f GFLOP/s%n", java.util.Arrays.toString(s), out == plain ? "plain" : "transA", ms, 2.0 * s[0] * s[1] * s[2] / ms / 1e6);
            }
          }
        }
      }
    }
  }
}
