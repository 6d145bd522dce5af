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
}
