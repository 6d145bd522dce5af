package dev.vaelab.core.data;

/**
 * A data set read from a file or folder, with the shape of one example and the scaling applied
 * to the stored values (named in a run's config.json).
 *
 * @param data the examples (and labels when the source has them)
 * @param shape H × W × C of an image, or D of a vector; {@code shape.size() == data.dimension()}
 * @param scaling how stored values became the floats of {@code data}, e.g. {@code pixels/255}
 */
public record ShapedData(Dataset data, ImageShape shape, String scaling) {
  public ShapedData {
    if (shape.size() != data.dimension()) {
      throw new IllegalArgumentException("dataset '" + data.name() + "' has " + data.dimension() + " values per example, its shape "
          + shape + " has " + shape.size());
    }
  }
}
