package dev.vaelab.gaussian.sampler;

import dev.vaelab.core.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@link Maf} as a JSON file ({@code format: "vaelab-maf-1"}): the standardisation and every transform's masked weights. */
final class MafJson {
  static final String FORMAT = "vaelab-maf-1";

  String format = FORMAT;
  double[] shift;
  double[] scale;
  List<Transform> transforms = new ArrayList<>();

  static final class Transform {
    float[][] w1;
    float[] b1;
    float[][] wMu;
    float[] bMu;
    float[][] wAlpha;
    float[] bAlpha;
    boolean reversed;
  }

  static void write(Path file, Maf maf) {
    MafJson j = new MafJson();
    j.shift = maf.shift();
    j.scale = maf.scale();
    for (MafTransform t : maf.transforms()) {
      Transform x = new Transform();
      x.w1 = t.w1();
      x.b1 = t.b1();
      x.wMu = t.wMu();
      x.bMu = t.bMu();
      x.wAlpha = t.wAlpha();
      x.bAlpha = t.bAlpha();
      x.reversed = t.reversed();
      j.transforms.add(x);
    }
    Json.writeFile(file, j);
  }

  static Maf read(Path file) {
    // a plain Gson: the shared one reads numbers as boxed values, which float[] fields do not take
    MafJson j = new com.google.gson.Gson().fromJson(Json.readTree(file), MafJson.class);
    if (j == null || !FORMAT.equals(j.format) || j.shift == null || j.scale == null || j.transforms == null) {
      throw new IllegalArgumentException(file + " is not a saved MAF sampler (format " + FORMAT + ")");
    }
    List<MafTransform> ts = new ArrayList<>();
    for (Transform x : j.transforms) {
      ts.add(new MafTransform(x.w1, x.b1, x.wMu, x.bMu, x.wAlpha, x.bAlpha, x.reversed));
    }
    return new Maf(j.shift, j.scale, ts);
  }
}
