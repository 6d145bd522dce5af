package dev.vaelab.examples.exercises;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects the lines an exercise prints, printing them as they come. */
final class Report {
  private final PrintStream out;
  private final List<String> lines = new ArrayList<>();
  private final List<String> discrepancies = new ArrayList<>();

  Report(PrintStream out) {
    this.out = out;
  }

  void line(String format, Object... args) {
    String s = String.format(Locale.ROOT, format, args);
    lines.add(s);
    if (out != null) {
      out.println(s);
    }
  }

  /** A claim of the notes that the computation does not confirm. */
  void discrepancy(String format, Object... args) {
    String s = String.format(Locale.ROOT, format, args);
    discrepancies.add(s);
    line("NOTE: %s", s);
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  List<String> discrepancies() {
    return List.copyOf(discrepancies);
  }
}
