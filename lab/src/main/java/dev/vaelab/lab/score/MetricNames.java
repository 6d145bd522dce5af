package dev.vaelab.lab.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The metrics {@code --metrics} names: the representation metrics ({@link RepresentationScores}: {@code probe, knn,
 * cluster}), the sample-quality metrics ({@link SampleScores}: {@code fd, kid, pr}) and the disentanglement metrics
 * ({@code dev.vaelab.metrics.Disentanglement}: {@code mig, dci, sap, factorvae, betavae}).
 */
public final class MetricNames {
  /** Every name, in the order results list them. */
  public static final List<String> ALL;

  static {
    List<String> all = new ArrayList<>(RepresentationScores.NAMES);
    all.addAll(SampleScores.NAMES);
    all.addAll(dev.vaelab.metrics.Disentanglement.NAMES);
    ALL = List.copyOf(all);
  }

  private MetricNames() {}

  /** The metrics of a comma-separated list ("" none), each known, without repeats; refused naming the value and the names there are. */
  public static List<String> parse(String metrics) {
    List<String> out = new ArrayList<>();
    if (metrics == null || metrics.isBlank()) {
      return out;
    }
    for (String m : metrics.split(",")) {
      String name = m.trim().toLowerCase(Locale.ROOT);
      if (!ALL.contains(name)) {
        throw new IllegalArgumentException("--metrics must name some of " + ALL + ", got '" + m.trim() + "'");
      }
      if (!out.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }

  /** The representation metrics among {@code names}. */
  public static List<String> representation(List<String> names) {
    return names.stream().filter(RepresentationScores.NAMES::contains).toList();
  }

  /** The disentanglement metrics among {@code names}. */
  public static List<String> disentanglement(List<String> names) {
    return names.stream().filter(dev.vaelab.metrics.Disentanglement.NAMES::contains).toList();
  }

  /** The sample-quality metrics among {@code names}. */
  public static List<String> sample(List<String> names) {
    return names.stream().filter(SampleScores.NAMES::contains).toList();
  }
}
