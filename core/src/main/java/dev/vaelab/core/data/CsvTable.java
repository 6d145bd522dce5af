package dev.vaelab.core.data;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file of numbers, read with Apache Commons CSV: <b>one delimiter per file</b> — given, or
 * detected from the first row (header or data) in this order: a tab, a semicolon, a comma, else
 * runs of spaces; cells may be in double quotes (a quoted cell may hold the delimiter), a UTF-8
 * byte-order mark is skipped, blank lines and lines starting with {@code #} are skipped. The first
 * row is a header when asked for or when none of its cells is a number; <b>a header has as many
 * names as every row has cells</b>, and names may hold spaces. One column may hold the class labels
 * ({@code labelColumn}: a header name or a 1-based column number):
 *
 * <ul>
 *   <li>every cell a whole number in [0, 65535] (also written {@code 2.0}, as pandas writes it):
 *       the number is the class;
 *   <li>every cell a whole number, some negative or larger: the distinct values in numeric order
 *       are the classes 0..K−1 ({@link #classNames} holds the values);
 *   <li>a number that is not whole: refused (labels are classes, not targets);
 *   <li>otherwise text: the distinct names in sorted order are the classes 0..K−1.
 * </ul>
 *
 * {@link #labelMapping} says which mapping was applied. Every other cell must be a finite number
 * (a decimal point, not a comma); anything else is an error naming the file, the line and the column.
 *
 * @param values the rows of features (label column removed)
 * @param lines the file line (1-based) of each row
 * @param labels the class of each row, or null without a label column
 * @param classNames the name of each class when the labels were mapped (text, or numbers outside
 *     [0, 65535]); null when the labels are the numbers themselves
 * @param delimiter the delimiter read (' ' for runs of spaces)
 */
public record CsvTable(double[][] values, int[] lines, int[] labels, String[] classNames, char delimiter) {
  /** Longest line read (characters); a longer one is refused rather than buffered. */
  public static final int MAX_LINE = 1 << 20;
  /** Largest label taken as the class number itself. */
  public static final int MAX_CLASS = 65535;

  /** As {@link #read(Path, boolean, String, Character)} with the delimiter detected. */
  public static CsvTable read(Path file, boolean header, String labelColumn) {
    return read(file, header, labelColumn, null);
  }

  /**
   * Reads {@code file}.
   *
   * @param header the first row is a header even if it holds numbers
   * @param labelColumn header name or 1-based column number of the labels, or null for none
   * @param delimiter {@code ','}, {@code ';'}, {@code '\t'} or {@code ' '} (runs of spaces and tabs),
   *     or null to detect it from the first row
   */
  public static CsvTable read(Path file, boolean header, String labelColumn, Character delimiter) {
    if (delimiter != null && ",;\t ".indexOf(delimiter) < 0) {
      throw new IllegalArgumentException("delimiter must be ',', ';', a tab or ' ' (spaces), got '" + delimiter + "'");
    }
    char sep = delimiter != null ? delimiter : detect(file);
    List<String[]> cellsOf = new ArrayList<>();
    List<Integer> lineOf = new ArrayList<>();
    String[] head = null;
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(sep == ' ' ? '\u0000' : sep).setQuote('"')
        .setIgnoreEmptyLines(false).setIgnoreSurroundingSpaces(true).setTrim(true).get();
    try (LineLimit r = new LineLimit(Files.newBufferedReader(file, StandardCharsets.UTF_8), file);
        CSVParser parser = CSVParser.parse(r, format)) {
      boolean first = true;
      for (CSVRecord rec : parser) {
        int ln = r.lineAt(rec.getCharacterPosition());
        String[] cells = rec.values();
        if (first && cells.length > 0 && cells[0].startsWith("\uFEFF")) {
          cells[0] = cells[0].substring(1).trim(); // a UTF-8 byte-order mark
        }
        if (sep == ' ') {
          cells = String.join("", cells).trim().split("\\s+");
        }
        if ((cells.length == 1 && cells[0].isEmpty()) || (cells.length > 0 && cells[0].startsWith("#"))) {
          continue; // a blank line, a comment
        }
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
    } catch (IOException | UncheckedIOException | IllegalStateException e) { // IllegalStateException: Commons CSV, an unterminated quote
      throw failure(file, e);
    }
    if (cellsOf.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no rows of numbers");
    }
    int columns = cellsOf.get(0).length;
    if (head != null && head.length != columns) {
      throw new IllegalArgumentException(file + ": the header has " + head.length + " names " + abbreviate(Arrays.toString(head))
          + " but line " + lineOf.get(0) + " has " + columns + " values (delimiter " + describe(sep) + ")");
    }
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
        throw new IllegalArgumentException(file + " line " + ln + ": " + cells.length + " values, expected " + columns
            + (head != null ? " (the header's names)" : " (as line " + lineOf.get(0) + ")") + "; delimiter " + describe(sep));
      }
      double[] row = new double[label < 0 ? columns : columns - 1];
      int k = 0;
      for (int j = 0; j < columns; j++) {
        if (j == label) {
          labelText[i] = cells[j];
          continue;
        }
        row[k] = number(file, ln, j, cells[j], i == 0 && head == null);
        k++;
      }
      values[i] = row;
    }
    int[] lines = lineOf.stream().mapToInt(Integer::intValue).toArray();
    if (labelText == null) {
      return new CsvTable(values, lines, null, null, sep);
    }
    return withLabels(file, values, lines, labelText, sep, head == null ? "column " + (label + 1) : "'" + head[label] + "'");
  }

  private static double number(Path file, int ln, int j, String cell, boolean firstRow) {
    double v;
    try {
      v = Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      String hint = cell.matches("[-+]?\\d+,\\d+") ? "; a decimal comma? numbers are read with a decimal point"
          : firstRow ? "; a header row must hold no number at all (or give --csv-header)" : "";
      throw new IllegalArgumentException(file + " line " + ln + ": '" + abbreviate(cell) + "' (column " + (j + 1) + ") is not a number" + hint);
    }
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(file + " line " + ln + ": column " + (j + 1) + " is " + cell + ", expected a finite number");
    }
    return v;
  }

  private static CsvTable withLabels(Path file, double[][] values, int[] lines, String[] text, char sep, String column) {
    int n = text.length;
    int[] labels = new int[n];
    double[] numbers = new double[n];
    boolean numeric = true;
    for (int i = 0; i < n && numeric; i++) {
      try {
        numbers[i] = Double.parseDouble(text[i]);
        numeric = Double.isFinite(numbers[i]);
      } catch (NumberFormatException e) {
        numeric = false;
      }
    }
    if (numeric) {
      boolean identity = true;
      for (int i = 0; i < n; i++) {
        if (numbers[i] != Math.rint(numbers[i]) || Math.abs(numbers[i]) > Integer.MAX_VALUE) {
          throw new IllegalArgumentException(file + " line " + lines[i] + ": label " + text[i] + " (label column " + column
              + ") is not a whole number; class labels are whole numbers or names");
        }
        identity &= numbers[i] >= 0 && numbers[i] <= MAX_CLASS;
      }
      if (identity) {
        for (int i = 0; i < n; i++) {
          labels[i] = (int) numbers[i];
        }
        return new CsvTable(values, lines, labels, null, sep);
      }
      TreeSet<Long> distinct = new TreeSet<>();
      for (double v : numbers) {
        distinct.add((long) v);
      }
      List<Long> order = new ArrayList<>(distinct);
      for (int i = 0; i < n; i++) {
        labels[i] = java.util.Collections.binarySearch(order, (long) numbers[i]);
      }
      return new CsvTable(values, lines, labels, order.stream().map(String::valueOf).toArray(String[]::new), sep);
    }
    TreeMap<String, Integer> classes = new TreeMap<>();
    for (String t : text) {
      classes.put(t, 0);
    }
    int k = 0;
    for (var e : classes.entrySet()) {
      e.setValue(k++);
    }
    for (int i = 0; i < n; i++) {
      labels[i] = classes.get(text[i]);
    }
    return new CsvTable(values, lines, labels, classes.keySet().toArray(new String[0]), sep);
  }

  /**
   * How the labels became classes, for the log and config.json: "" when the labels are the class
   * numbers themselves, else {@code NAME→0, NAME→1, …} (at most 20 shown).
   */
  public String labelMapping() {
    if (labels == null || classNames == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < classNames.length && k < 20; k++) {
      b.append(k == 0 ? "" : ", ").append(classNames[k]).append("→").append(k);
    }
    return b.append(classNames.length > 20 ? ", … (" + classNames.length + " classes)" : "").toString();
  }

  /** The delimiter of the first significant line: a tab, else a semicolon, else a comma (outside quotes), else spaces. */
  static char detect(Path file) {
    try (BufferedReader r = new BufferedReader(new LineLimit(Files.newBufferedReader(file, StandardCharsets.UTF_8), file))) {
      for (String raw = r.readLine(); raw != null; raw = r.readLine()) {
        String line = (raw.startsWith("\uFEFF") ? raw.substring(1) : raw).trim();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int tabs = 0;
        int semicolons = 0;
        int commas = 0;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
          if (c == '"') {
            quoted = !quoted;
          } else if (!quoted) {
            tabs += c == '\t' ? 1 : 0;
            semicolons += c == ';' ? 1 : 0;
            commas += c == ',' ? 1 : 0;
          }
        }
        return tabs > 0 ? '\t' : semicolons > 0 ? ';' : commas > 0 ? ',' : line.matches(".*\\s.*") ? ' ' : ',';
      }
      return ',';
    } catch (IOException e) {
      throw failure(file, e);
    }
  }

  /** What a failure to read {@code file} is said as: not UTF-8, a line too long, malformed (a bad argument), or an I/O error. */
  private static RuntimeException failure(Path file, Exception e) {
    Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
    if (t instanceof CharacterCodingException c) {
      return new IllegalArgumentException(file + " is not UTF-8 text: " + c.getMessage(), c);
    }
    if (t instanceof LineTooLong l) {
      return new IllegalArgumentException(l.getMessage(), l);
    }
    if (t instanceof IllegalStateException s) {
      return new IllegalArgumentException(file + ": " + s.getMessage(), s);
    }
    return new UncheckedIOException("cannot read " + file + ": " + t.getMessage(), t instanceof IOException io ? io : new IOException(t));
  }

  /** The delimiter in words. */
  public static String describe(char sep) {
    return switch (sep) {
      case ',' -> "','";
      case ';' -> "';'";
      case '\t' -> "tab";
      default -> "spaces";
    };
  }

  /** Parses a {@code --delimiter} value: auto (null), comma, semicolon, tab, space, or the character itself. */
  public static Character parseDelimiter(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "", "auto" -> null;
      case "comma", "," -> ',';
      case "semicolon", ";" -> ';';
      case "tab", "\t", "\\t" -> '\t';
      case "space", "spaces", "whitespace", " " -> ' ';
      default -> throw new IllegalArgumentException("delimiter must be auto, comma, semicolon, tab or space, got '" + s + "'");
    };
  }

  private static int labelIndex(Path file, String labelColumn, String[] head, int columns) {
    if (head != null) {
      int at = Arrays.asList(head).indexOf(labelColumn.trim());
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
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }

  /** Thrown by {@link LineLimit} for a line longer than {@link #MAX_LINE}. */
  private static final class LineTooLong extends IOException {
    LineTooLong(String message) {
      super(message);
    }
  }

  /** A reader that refuses a line longer than {@link #MAX_LINE} characters instead of buffering it. */
  private static final class LineLimit extends FilterReader {
    private final Path file;
    private int run;
    private int line = 1;
    private long position;
    /** Character position at which each line starts (line 1 at 0). */
    private final List<Long> starts = new ArrayList<>(List.of(0L));

    LineLimit(Reader in, Path file) {
      super(in);
      this.file = file;
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) {
        count((char) c);
      }
      return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      for (int i = 0; i < n; i++) {
        count(buf[off + i]);
      }
      return n;
    }

    /** The 1-based line holding the character at {@code pos}. */
    int lineAt(long pos) {
      int i = java.util.Collections.binarySearch(starts, pos);
      return i >= 0 ? i + 1 : -i - 1;
    }

    private void count(char c) throws LineTooLong {
      position++;
      if (c == '\n') {
        run = 0;
        line++;
        starts.add(position);
      } else if (++run > MAX_LINE) {
        throw new LineTooLong(file + " line " + line + " is longer than " + MAX_LINE + " characters");
      }
    }
  }
}
