package dev.vaelab.core.data;

/**
 * A data set read from a file or folder, with the shape of one example and the scaling applied
 * to the stored values (named in a run's config.json).
 *
 * @param data the examples (and labels when the source has them)
 * @param shape H × W × C of an image, or D of a vector; {@code shape.size() == data.dimension()}
 * @param scaling how stored values became the floats of {@code data}, e.g. {@code pixels/255}
 * @param classNames the name of each class label (an image folder's class folders, a CSV's text
 *     labels), or null when the labels are bare numbers
 */
public record ShapedData(Dataset data, ImageShape shape, String scaling, String[] classNames) {
  /** Data whose classes (if any) have no names. */
  public ShapedData(Dataset data, ImageShape shape, String scaling) {
    this(data, shape, scaling, null);
  }

  public ShapedData {
    if (shape.size() != data.dimension()) {
      throw new IllegalArgumentException("dataset '" + data.name() + "' has " + data.dimension() + " values per example, its shape "
          + shape + " has " + shape.size());
    }
  }
}
