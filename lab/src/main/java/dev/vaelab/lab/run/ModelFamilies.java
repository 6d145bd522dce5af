package dev.vaelab.lab.run;

import dev.vaelab.lab.families.gmm.GmmFamily;
import dev.vaelab.lab.families.vae.CategoricalVaeFamily;
import dev.vaelab.lab.families.vae.ConvVaeFamily;
import dev.vaelab.lab.families.vae.CvaeFamily;
import dev.vaelab.lab.families.vae.GaussianVaeFamily;
import dev.vaelab.lab.families.vae.IwaeFamily;
import dev.vaelab.lab.families.vae.TcVaeFamily;
import dev.vaelab.lab.families.vq.VqVaeFamily;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The registry of model families: the one place a family is plugged in. A new family is a new
 * {@link ModelFamily} class added to {@link #ALL}.
 */
public final class ModelFamilies {
  /** Every family, in the order {@code vaelab models} lists them. */
  private static final List<ModelFamily<?>> ALL =
      List.of(new GaussianVaeFamily(), new IwaeFamily(), new CvaeFamily(), new ConvVaeFamily(), new CategoricalVaeFamily(), new TcVaeFamily(),
          new VqVaeFamily(), new GmmFamily());

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

  /**
   * The value of option {@code option} ({@code --model X} or {@code --model=X}) in the arguments after
   * the subcommand {@code command}, before the command line is parsed (a family's options depend on
   * it); null when the command or the option is absent.
   */
  public static String optionAfter(String[] args, String command, String option) {
    int at = java.util.List.of(args).indexOf(command);
    if (at < 0) {
      return null;
    }
    String value = null;
    for (int i = at + 1; i < args.length; i++) {
      if (args[i].equals(option) && i + 1 < args.length) {
        value = args[i + 1];
      } else if (args[i].startsWith(option + "=")) {
        value = args[i].substring(option.length() + 1);
      }
    }
    return value;
  }

  /** The model family named by {@code --model} after {@code command} in the arguments, or the default family's name. */
  public static String modelNamedIn(String[] args, String command) {
    String model = optionAfter(args, command, "--model");
    return model != null ? model : DEFAULT;
  }
}
