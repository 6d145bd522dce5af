package dev.vaelab.lab.data;

import dev.vaelab.core.data.ImageShape;
import dev.vaelab.lab.settings.Settings;
import java.util.Locale;

/**
 * What a run read, recorded once it has read its data — separate from what it asked for ({@link
 * DataSettings}): the shape of one example, what was done to the stored values, and the provenance
 * that lets a later command notice changed data. Saved in config.json so a run can be rebuilt
 * without reading its data again; empty before the data are read (and, for the provenance, in runs
 * of versions before it was recorded).
 *
 * @param dataShape H×W×C (or D) of one example ("" before the data are read)
 * @param preprocessing what was done to the stored values (scaling, binarisation; "" before)
 * @param classMapping how class labels were mapped to classes ({@code NAME→0, …}); "" when the labels are the class numbers
 * @param dataPath the absolute path of the data read ("" for the embedded slice and before)
 * @param dataFingerprint the data's {@link DataFingerprint} ("" when not recorded)
 * @param featureRange {@code --scaling minmax}: each feature's training-split minimum and maximum,
 *     {@code lo:hi} separated by spaces, reused by every later command on this run ("" otherwise)
 */
public record DataRecord(String dataShape, String preprocessing, String classMapping, String dataPath, String dataFingerprint,
    String featureRange) implements Settings<DataRecord> {
  /** Nothing read yet. */
  public static final DataRecord NONE = new DataRecord("", "");

  public DataRecord {
    for (String[] kv : new String[][] {{"data_shape", dataShape}, {"preprocessing", preprocessing}, {"class_mapping", classMapping},
        {"data_path", dataPath}, {"data_fingerprint", dataFingerprint}, {"feature_range", featureRange}}) {
      if (kv[1] == null) {
        throw new IllegalArgumentException(kv[0] + " must be a string (\"\" for none), got null");
      }
    }
    if (!dataShape.isEmpty()) {
      ImageShape.parse(dataShape); // validates, naming the bad value
    }
    if (!dataFingerprint.isEmpty()) {
      DataFingerprint.parse(dataFingerprint);
    }
    if (!featureRange.isEmpty()) {
      parseRange(featureRange);
    }
  }

  /** The shape and preprocessing only (no provenance). */
  public DataRecord(String dataShape, String preprocessing) {
    this(dataShape, preprocessing, "", "", "", "");
  }

  /** Whether the data were read (a run recorded before shapes were has no record). */
  public boolean isEmpty() {
    return dataShape.isEmpty();
  }

  /** The shape of one example: the recorded one, or 28×28×1 for a run recorded before shapes were (Fashion-MNIST only). */
  public ImageShape shape() {
    return dataShape.isEmpty() ? new ImageShape(28, 28, 1) : ImageShape.parse(dataShape);
  }

  /** The recorded min-max range ({@code [lo, hi]}), or null. */
  public float[][] range() {
    return featureRange.isEmpty() ? null : parseRange(featureRange);
  }

  /** The recorded fingerprint, or null. */
  public DataFingerprint fingerprint() {
    return dataFingerprint.isEmpty() ? null : DataFingerprint.parse(dataFingerprint);
  }

  /** {@code lo:hi lo:hi …}, each float written so it reads back exactly. */
  public static String formatRange(float[][] range) {
    StringBuilder b = new StringBuilder();
    for (int j = 0; j < range[0].length; j++) {
      b.append(j == 0 ? "" : " ").append(Float.toString(range[0][j])).append(':').append(Float.toString(range[1][j]));
    }
    return b.toString();
  }

  private static float[][] parseRange(String s) {
    String[] parts = s.trim().split(" ");
    float[][] r = new float[2][parts.length];
    for (int j = 0; j < parts.length; j++) {
      String[] lh = parts[j].split(":");
      try {
        if (lh.length != 2) {
          throw new NumberFormatException(parts[j]);
        }
        r[0][j] = Float.parseFloat(lh[0]);
        r[1][j] = Float.parseFloat(lh[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("feature_range must be 'lo:hi' pairs separated by spaces; pair " + (j + 1) + " is '"
            + parts[j] + "'", e);
      }
      if (!Float.isFinite(r[0][j]) || !Float.isFinite(r[1][j]) || r[0][j] > r[1][j]) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "feature_range pair %d is %s, expected finite lo <= hi", j + 1, parts[j]));
      }
    }
    return r;
  }
}
