package dev.vaelab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaelab.examples.Vaelab;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** With the Spark module on its class path, the vaelab command finds {@code vaelab spark} by discovery. */
class SparkPluginTest {
  static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true));
    try {
      int code = Vaelab.execute(new PrintStream(err, true), args);
      return new String[] {String.valueOf(code), out.toString(), err.toString()};
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void vaelabSparkJoinsTheCommandByDiscovery() {
    assertThat(run("--help")[1]).contains("spark");
    String[] help = run("spark", "--help");
    assertThat(help[0]).isEqualTo("0");
    assertThat(help[1]).contains("gmm", "score", "train", "bench");
    // the train subcommand gains the options of the family the arguments name, as vaelab train does
    String[] train = run("spark", "train", "--model", "vq-vae", "--help");
    assertThat(train[1]).contains("--codebook-size=", "--workers=", "--epochs=").doesNotContain("--beta=");
  }
}
