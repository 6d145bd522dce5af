package dev.vaelab.lab.data;

import dev.vaelab.lab.settings.Choice;

/**
 * The delimiter of a CSV file ({@code --delimiter}): auto (detected from the first row: a tab, else
 * a semicolon, else a comma, else runs of spaces), comma, semicolon, tab or space (runs of spaces).
 * One file has one delimiter; cells in double quotes may hold it.
 */
public enum Delimiter implements Choice {
  AUTO("auto", null), COMMA("comma", ','), SEMICOLON("semicolon", ';'), TAB("tab", '\t'), SPACE("space", ' ');

  private final String id;
  private final Character character;

  Delimiter(String id, Character character) {
    this.id = id;
    this.character = character;
  }

  @Override
  public String id() {
    return id;
  }

  /** The character, or null to detect it. */
  public Character character() {
    return character;
  }
}
