package dev.vaelab.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * A CSV file of numbers: comma, semicolon or whitespace separated (cells may be in double quotes,
 * a UTF-8 byte-order mark is skipped; quoted cells holding separators are not supported); blank
 * lines and lines starting with {@code #} skipped. The first row is a header when asked for or when none of its cells is a
 * number. One column may hold the class labels ({@code labelColumn}: a header name or a 1-based
 * column number): whole numbers ≥ 0 are the classes, any other text is a class name (classes
 * numbered in sorted name order). Every other cell must be a finite number; anything else is an
 * error naming the file, the line and the column.
 *
 * @param values the rows of features (label column removed)
 * @param lines the file line (1-based) of each row
 * @param labels the class of each row, or null without a label column
 * @param classNames the class names when the labels were text (else null)
 */
public record CsvTable(double[][] values, int[] lines, int[] labels, String[] classNames) {
  /** Longest line read (characters); a longer one is refused rather than buffered. */
  public static final int MAX_LINE = 1 << 20;

  /**
   * Reads {@code file}.
   *
   * @param header the first row is a header even if it holds numbers
   * @param labelColumn header name or 1-based column number of the labels, or null for none
   */
  public static CsvTable read(Path file, boolean header, String labelColumn) {
    List<String[]> cellsOf = new ArrayList<>();
    List<Integer> lineOf = new ArrayList<>();
    String[] head = null;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      boolean first = true;
      int ln = 0;
      for (String raw = r.readLine(); raw != null; raw = r.readLine()) {
        ln++;
        if (raw.length() > MAX_LINE) {
          throw new IllegalArgumentException(file + " line " + ln + " is longer than " + MAX_LINE + " characters");
        }
        String line = (ln == 1 && raw.startsWith("\uFEFF") ? raw.substring(1) : raw).trim(); // a UTF-8 byte-order mark
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] cells = unquote(line.split("\\s*[,;]\\s*|\\s+", -1));
        if (first) {
          first = false;
          if (header || noneNumeric(cells)) {
            head = cells;
            continue;
          }
        }
        cellsOf.add(cells);
        lineOf.add(ln);
      }
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + " is not UTF-8 text: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (cellsOf.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no rows of numbers");
    }
    int columns = cellsOf.get(0).length;
    int label = labelColumn == null ? -1 : labelIndex(file, labelColumn, head, columns);
    if (label >= 0 && columns < 2) {
      throw new IllegalArgumentException(file + ": the label column is the only column; no features are left");
    }
    double[][] values = new double[cellsOf.size()][];
    String[] labelText = label < 0 ? null : new String[cellsOf.size()];
    for (int i = 0; i < values.length; i++) {
      String[] cells = cellsOf.get(i);
      int ln = lineOf.get(i);
      if (cells.length != columns) {
        throw new IllegalArgumentException(file + " line " + ln + ": " + cells.length + " values, expected " + columns);
      }
      double[] row = new double[label < 0 ? columns : columns - 1];
      int k = 0;
      for (int j = 0; j < columns; j++) {
        if (j == label) {
          labelText[i] = cells[j];
          continue;
        }
        try {
          row[k] = Double.parseDouble(cells[j]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(file + " line " + ln + ": '" + abbreviate(cells[j]) + "' (column " + (j + 1)
              + ") is not a number" + (i == 0 && head == null ? "; a header row must hold no number at all (or give --csv-header)" : ""));
        }
        if (!Double.isFinite(row[k])) {
          throw new IllegalArgumentException(file + " line " + ln + ": column " + (j + 1) + " is " + cells[j] + ", expected a finite number");
        }
        k++;
      }
      values[i] = row;
    }
    int[] lines = lineOf.stream().mapToInt(Integer::intValue).toArray();
    if (labelText == null) {
      return new CsvTable(values, lines, null, null);
    }
    return withLabels(values, lines, labelText);
  }

  private static CsvTable withLabels(double[][] values, int[] lines, String[] text) {
    int[] labels = new int[text.length];
    boolean numeric = true;
    for (int i = 0; i < text.length && numeric; i++) {
      numeric = text[i].matches("\\d{1,5}") && Integer.parseInt(text[i]) <= 65535;
    }
    if (numeric) {
      for (int i = 0; i < text.length; i++) {
        labels[i] = Integer.parseInt(text[i]);
      }
      return new CsvTable(values, lines, labels, null);
    }
    TreeMap<String, Integer> classes = new TreeMap<>();
    for (String t : text) {
      classes.put(t, 0);
    }
    int k = 0;
    for (var e : classes.entrySet()) {
      e.setValue(k++);
    }
    for (int i = 0; i < text.length; i++) {
      labels[i] = classes.get(text[i]);
    }
    return new CsvTable(values, lines, labels, classes.keySet().toArray(new String[0]));
  }

  private static int labelIndex(Path file, String labelColumn, String[] head, int columns) {
    if (head != null) {
      int at = Arrays.asList(head).indexOf(labelColumn);
      if (at >= 0) {
        return at;
      }
    }
    try {
      int c = Integer.parseInt(labelColumn.trim());
      if (c >= 1 && c <= columns) {
        return c - 1;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new IllegalArgumentException(file + ": --label-column " + labelColumn + " is neither a header name"
        + (head == null ? " (the file has no header row)" : " of " + Arrays.toString(head)) + " nor a column number 1.." + columns);
  }

  /**
   * The table as a data set of float features (scaling {@code none}; labels when it has them).
   *
   * @throws IllegalArgumentException naming the file when a value overflows a float
   */
  public ShapedData toShapedData(String name) {
    int d = values[0].length;
    float[] v = new float[values.length * d];
    for (int i = 0; i < values.length; i++) {
      for (int j = 0; j < d; j++) {
        v[i * d + j] = (float) values[i][j];
        if (!Float.isFinite(v[i * d + j])) {
          throw new IllegalArgumentException(name + " line " + lines[i] + ": " + values[i][j] + " is outside the range of a float");
        }
      }
    }
    return new ShapedData(new Dataset(name, v, d, labels), ImageShape.vector(d), "none", classNames);
  }

  /** Cells without the double quotes that spreadsheet programs put around them ("1.5" → 1.5). */
  private static String[] unquote(String[] cells) {
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i];
      if (c.length() >= 2 && c.charAt(0) == '"' && c.charAt(c.length() - 1) == '"') {
        cells[i] = c.substring(1, c.length() - 1).trim();
      }
    }
    return cells;
  }

  private static boolean noneNumeric(String[] cells) {
    for (String c : cells) {
      try {
        Double.parseDouble(c);
        return false;
      } catch (NumberFormatException e) {
        // not a number: fine for a header
      }
    }
    return true;
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
