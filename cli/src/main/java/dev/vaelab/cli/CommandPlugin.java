package dev.vaelab.cli;

import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine;

/**
 * A group of commands another module adds to {@code vaelab} — {@code vaelab spark …} from the Spark
 * module — found with {@link ServiceLoader} (a line in {@code
 * META-INF/services/dev.vaelab.cli.CommandPlugin}), so the command line lists no optional module.
 */
public interface CommandPlugin {
  /** The subcommand's name ({@code spark}). */
  String name();

  /**
   * The subcommand, set up for these arguments (a train command adds the options of the family the
   * arguments name, after the pre-scan of {@link Argv}).
   */
  CommandLine commandLine(String[] args);

  /** Every plug-in on the class path. */
  static List<CommandPlugin> installed() {
    return ServiceLoader.load(CommandPlugin.class, CommandPlugin.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
  }
}
