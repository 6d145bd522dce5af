package dev.vaelab.spark;

import picocli.CommandLine.Option;

/** {@code --master} of every {@code vaelab spark} command. */
final class MasterOption {
  @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[N], local[*] or a cluster URL (default: spark-submit's, else local[*]).")
  String master;
}
