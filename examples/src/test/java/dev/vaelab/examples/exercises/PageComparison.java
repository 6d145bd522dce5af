package dev.vaelab.examples.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compares two exercise pages: the text between numbers must be equal, each number within a relative tolerance. */
final class PageComparison {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  private PageComparison() {}

  /** "" when the pages agree, else what differs first. */
  static String differences(String expected, String actual, double relative) {
    List<String> textE = new ArrayList<>();
    List<Double> numE = new ArrayList<>();
    split(expected, textE, numE);
    List<String> textA = new ArrayList<>();
    List<Double> numA = new ArrayList<>();
    split(actual, textA, numA);
    if (numE.size() != numA.size()) {
      return "number count " + numE.size() + " vs " + numA.size();
    }
    for (int i = 0; i < textE.size(); i++) {
      if (!textE.get(i).equals(textA.get(i))) {
        return "text '" + textE.get(i).strip() + "' vs '" + textA.get(i).strip() + "'";
      }
    }
    for (int i = 0; i < numE.size(); i++) {
      double e = numE.get(i);
      double a = numA.get(i);
      if (Math.abs(a - e) > Math.max(relative * Math.abs(e), relative)) {
        return "number " + e + " vs " + a + " (after '" + textE.get(i).strip() + "')";
      }
    }
    return "";
  }

  private static void split(String page, List<String> text, List<Double> numbers) {
    Matcher m = NUMBER.matcher(page);
    int last = 0;
    while (m.find()) {
      text.add(page.substring(last, m.start()));
      numbers.add(Double.parseDouble(m.group()));
      last = m.end();
    }
    text.add(page.substring(last));
  }
}
