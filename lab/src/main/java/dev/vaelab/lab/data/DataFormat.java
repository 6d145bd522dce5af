package dev.vaelab.lab.data;

import dev.vaelab.lab.settings.Choice;

/** How the data of {@code --data} are read ({@code --data-format}): from the path (auto), IDX files, an image folder, CSV or NumPy. */
public enum DataFormat implements Choice {
  AUTO("auto"), IDX("idx"), IMAGES("images"), CSV("csv"), NPY("npy");

  private final String id;

  DataFormat(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }
}
