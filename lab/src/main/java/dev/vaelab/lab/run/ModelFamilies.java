package dev.vaelab.lab.run;


import java.util.List;
import java.util.stream.Collectors;

/**
 * The registry of model families, discovered at run time: every {@link ModelFamily} named in a
 * {@code META-INF/services/dev.vaelab.lab.run.ModelFamily} file on the class path (a public class
 * with a public no-argument constructor). A new family is its package plus one line in such a
 * file; nothing lists the families anywhere else. The lab's own come first, in the order of its
 * services file; others follow by name. Two families of one name are refused, naming both classes.
 */
public final class ModelFamilies {
  /** Every family, in the order {@code vaelab models} lists them. */
  private static final List<ModelFamily<?>> ALL = discover(ModelFamilies.class.getClassLoader());

  /** The package of the lab's own families. */
  private static final String OWN = "dev.vaelab.lab.families";

  /** The families the services files visible to {@code loader} name, the lab's own first. */
  static List<ModelFamily<?>> discover(ClassLoader loader) {
    List<ModelFamily<?>> own = new java.util.ArrayList<>();
    List<ModelFamily<?>> others = new java.util.ArrayList<>();
    java.util.Map<String, ModelFamily<?>> byName = new java.util.HashMap<>();
    for (ModelFamily<?> f : java.util.ServiceLoader.load(ModelFamily.class, loader)) {
      ModelFamily<?> before = byName.putIfAbsent(f.name(), f);
      if (before != null) {
        if (before.getClass() == f.getClass()) {
          continue; // the same class named by two services files
        }
        throw new IllegalStateException("two model families are called '" + f.name() + "': " + before.getClass().getName() + " and "
            + f.getClass().getName() + "; rename one");
      }
      (f.getClass().getPackageName().startsWith(OWN) ? own : others).add(f);
    }
    others.sort(java.util.Comparator.comparing(ModelFamily::name));
    own.addAll(others);
    if (own.isEmpty()) {
      throw new IllegalStateException("no model family is on the class path (META-INF/services/" + ModelFamily.class.getName() + ")");
    }
    return List.copyOf(own);
  }

  /** The family {@code vaelab train} uses without {@code --model}. */
  public static final String DEFAULT = "gaussian-vae";

  private ModelFamilies() {}

  /** Every registered family. */
  public static List<ModelFamily<?>> all() {
    return ALL;
  }

  /** The family called {@code name}, or an exception listing the names there are. */
  public static ModelFamily<?> named(String name) {
    for (ModelFamily<?> f : ALL) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown model '" + name + "'; available: " + names() + " (see vaelab models)");
  }

  /** The names, comma-separated. */
  public static String names() {
    return ALL.stream().map(ModelFamily::name).collect(Collectors.joining(", "));
  }
}
