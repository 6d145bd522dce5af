package dev.vaelab.metrics;

import java.util.Locale;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Vectors as a Tribuo data set: one example per row, features named z00, z01, … (zero-padded, so in order). */
final class TribuoData {
  /**
   * Tribuo's logger, held so the level stays set (java.util.logging keeps loggers weakly): its trainers report every
   * k-means iteration and SGD epoch at INFO, which would flood a command's output. Warnings still show.
   */
  private static final java.util.logging.Logger TRIBUO = java.util.logging.Logger.getLogger("org.tribuo");

  static {
    TRIBUO.setLevel(java.util.logging.Level.WARNING);
  }

  private TribuoData() {}

  static String[] names(int d) {
    int width = Integer.toString(Math.max(d - 1, 0)).length();
    String[] out = new String[d];
    for (int j = 0; j < d; j++) {
      out[j] = "z" + String.format(Locale.ROOT, "%0" + width + "d", j);
    }
    return out;
  }

  interface OutputOf<T extends Output<T>> {
    T of(int row);
  }

  static <T extends Output<T>> MutableDataset<T> of(double[][] x, OutputOf<T> output, OutputFactory<T> factory, String what) {
    MutableDataset<T> data = new MutableDataset<>(new SimpleDataSourceProvenance(what, factory), factory);
    String[] names = names(x[0].length);
    for (int i = 0; i < x.length; i++) {
      data.add(new ArrayExample<>(output.of(i), names, x[i]));
    }
    return data;
  }
}
