package dev.vaelab.lab.data;

import dev.vaelab.lab.settings.Choice;

/**
 * How stored values are scaled ({@code --scaling}): auto (uint8 pixels / 255, floats as stored), none,
 * or minmax — each feature to [0, 1] by the training split's minimum and maximum, (x − min)/(max − min).
 */
public enum Scaling implements Choice {
  AUTO("auto"), NONE("none"), MINMAX("minmax");

  private final String id;

  Scaling(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }
}
