package dev.vaelab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vaelab.gmm.CovarianceType;
import dev.vaelab.gmm.GaussianMixture;
import dev.vaelab.gmm.GaussianMixtureConfig;
import dev.vaelab.gmm.GaussianMixtureFit;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a project that depends on vaelab-gmm-em alone (one platform's natives) gets: it compiles
 * against the public API, fits a mixture, and pulls no images, no natives of other platforms, no
 * Guava; every vaelab jar names its module. The jars and their sizes are written to
 * target/consumer-dependencies.json (docs/packaging.md quotes them).
 */
class ConsumerCheckTest {
  /** Jars of the test tooling, not of what the consumer's program pulls. */
  static boolean testTooling(String name) {
    return name.startsWith("junit-") || name.startsWith("opentest4j") || name.startsWith("apiguardian") || name.startsWith("surefire")
        || name.startsWith("common-java") || name.startsWith("common-junit");
  }

  @Test
  void aProjectDependingOnGmmEmAloneFitsAMixture() {
    Random r = new Random(1);
    double[][] x = new double[400][2];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = r.nextGaussian() + (i % 2) * 6;
      x[i][1] = r.nextGaussian();
    }
    try (GaussianMixtureFit fit = new GaussianMixture(GaussianMixtureConfig.of(2).withCovarianceType(CovarianceType.FULL)).fit(x)) {
      double[] means = {fit.parameters().means()[0][0], fit.parameters().means()[1][0]};
      java.util.Arrays.sort(means);
      assertEquals(0, means[0], 0.3);
      assertEquals(6, means[1], 0.3);
    }
  }

  @Test
  void whatItPullsIsOnePlatformsNativesAndNoImages() throws Exception {
    List<String> rows = new ArrayList<>();
    long total = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      String name = p.getFileName().toString();
      if (!name.endsWith(".jar") || testTooling(name)) {
        if (Files.isDirectory(p) && p.endsWith(Path.of("target", "classes")) && !p.toString().contains("consumer-check")) {
          fail("a vaelab module is on the class path as classes, not as its jar: run at least 'mvn package'");
        }
        continue;
      }
      long size = Files.size(p);
      total += size;
      rows.add(String.format(Locale.ROOT, "    {\"jar\": \"%s\", \"bytes\": %d}", name, size));
      assertFalse(name.startsWith("vaelab-datasets"), "the embedded images come with vaelab-gmm-em: " + name);
      assertFalse(name.startsWith("guava"), "Guava is pulled: " + name);
      assertFalse(name.matches("tensorflow-core-native-.*-(linux-arm64|macosx-.*|windows-.*)\\.jar"), "another platform's natives: " + name);
      if (name.startsWith("vaelab-")) {
        try (JarFile j = new JarFile(p.toFile())) {
          assertNotNull(j.getManifest().getMainAttributes().getValue("Automatic-Module-Name"), name + " names no module");
          assertTrue(j.stream().noneMatch(e -> e.getName().endsWith("-ubyte.gz")), name + " carries IDX image files");
        }
      }
    }
    assertTrue(rows.stream().anyMatch(s -> s.matches(".*tensorflow-core-native-[0-9.]+-linux-x86_64\\.jar.*")), "the linux-x86_64 natives are missing");
    String json = "{\n  \"dependency\": \"dev.vaelab:vaelab-gmm-em with org.tensorflow:tensorflow-core-native:linux-x86_64\",\n"
        + "  \"total_bytes\": " + total + ",\n  \"total_mb\": " + String.format(Locale.ROOT, "%.1f", total / 1e6) + ",\n  \"jars\": [\n"
        + String.join(",\n", rows) + "\n  ]\n}\n";
    Path report = Path.of(System.getProperty("consumer.report", "target/consumer-dependencies.json"));
    Files.createDirectories(report.getParent());
    Files.writeString(report, json);
    System.out.println(json);
  }

  @Test
  void theBomListsEveryPublishedModuleAtTheParentsVersion() throws Exception {
    Path root = Path.of(System.getProperty("vaelab.root", ".."));
    String parent = Files.readString(root.resolve("pom.xml"));
    String bom = Files.readString(root.resolve("bom/pom.xml"));
    String version = first(parent, "<artifactId>vaelab-parent</artifactId>\\s*<version>([^<]+)</version>");
    assertEquals(version, first(bom, "<artifactId>vaelab-bom</artifactId>\\s*<version>([^<]+)</version>"), "BOM version");
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
    while (m.find()) {
      String module = m.group(1);
      if (module.equals("bom") || module.startsWith("consumer-check")) {
        continue;
      }
      String artifact = first(Files.readString(root.resolve(module).resolve("pom.xml")), "</parent>\\s*<artifactId>([^<]+)</artifactId>");
      assertTrue(bom.contains("<artifactId>" + artifact + "</artifactId>"), "the BOM lacks " + artifact);
    }
  }

  private static String first(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), "no match for " + regex);
    return m.group(1);
  }

  private static void fail(String message) {
    org.junit.jupiter.api.Assertions.fail(message);
  }
}
