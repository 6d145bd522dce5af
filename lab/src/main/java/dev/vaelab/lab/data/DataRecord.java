package dev.vaelab.lab.data;

import dev.vaelab.core.data.ImageShape;
import dev.vaelab.lab.settings.Settings;

/**
 * What a run read, recorded once it has read its data — separate from what it asked for ({@link
 * DataSettings}): the shape of one example and what was done to the stored values. Saved in
 * config.json ({@code data_shape}, {@code preprocessing}) so a run can be rebuilt without reading
 * its data again; empty before the data are read.
 *
 * @param dataShape H×W×C (or D) of one example ("" before the data are read)
 * @param preprocessing what was done to the stored values (scaling, binarisation; "" before)
 */
public record DataRecord(String dataShape, String preprocessing) implements Settings<DataRecord> {
  /** Nothing read yet. */
  public static final DataRecord NONE = new DataRecord("", "");

  public DataRecord {
    if (dataShape == null) {
      throw new IllegalArgumentException("data_shape must be a string (\"\" for none), got null");
    }
    if (preprocessing == null) {
      throw new IllegalArgumentException("preprocessing must be a string (\"\" for none), got null");
    }
    if (!dataShape.isEmpty()) {
      ImageShape.parse(dataShape); // validates, naming the bad value
    }
  }

  /** Whether the data were read (a run recorded before shapes were has no record). */
  public boolean isEmpty() {
    return dataShape.isEmpty();
  }

  /** The shape of one example: the recorded one, or 28×28×1 for a run recorded before shapes were (Fashion-MNIST only). */
  public ImageShape shape() {
    return dataShape.isEmpty() ? new ImageShape(28, 28, 1) : ImageShape.parse(dataShape);
  }
}
