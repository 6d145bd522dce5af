package dev.vaelab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 31: the repository stands on its own — every relative link of README.md and docs/ names a file in the
 * repository, and no file under version control points outside it to the folder the project was developed beside
 * (its name is assembled below, so that this test is the one file that spells it).
 */
class RepositoryStandsAloneTest {
  /** The repository's root: the tests run in examples/. */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  /** The name of the outside folder, written so that it appears in no file as one word. */
  static final String OUTSIDE = "sha" + "red/";

  static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  /** The files under version control (git ls-files), or every file outside build output when git is not there. */
  static List<Path> tracked() throws Exception {
    try {
      Process p = new ProcessBuilder("git", "ls-files", "-z").directory(ROOT.toFile()).redirectErrorStream(false).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (p.waitFor() == 0 && out.length > 0) {
        List<Path> files = new ArrayList<>();
        for (String f : new String(out, StandardCharsets.UTF_8).split("\0")) {
          if (!f.isEmpty() && Files.isRegularFile(ROOT.resolve(f))) {
            files.add(ROOT.resolve(f));
          }
        }
        return files;
      }
    } catch (IOException e) {
      // no git: walk the tree below
    }
    try (Stream<Path> s = Files.walk(ROOT)) {
      return s.filter(Files::isRegularFile).filter(f -> {
        String r = ROOT.relativize(f).toString();
        return !r.startsWith(".git") && !r.contains("target/") && !r.startsWith("runs/");
      }).toList();
    }
  }

  @Test
  void everyRelativeLinkOfTheReadmeAndTheDocsResolvesToAFileInTheRepository() throws Exception {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> s = Files.walk(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
    }
    List<String> broken = new ArrayList<>();
    int links = 0;
    for (Path page : pages) {
      Matcher m = LINK.matcher(Files.readString(page));
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
          continue; // a web address, or an anchor in the same page
        }
        links++;
        String file = target.replaceAll("#.*$", "");
        Path resolved = page.getParent().resolve(file).normalize();
        if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
          broken.add(ROOT.relativize(page) + " → " + target);
        }
      }
    }
    assertThat(links).as("relative links checked").isGreaterThan(50);
    assertThat(broken).as("relative links that name no file in the repository").isEmpty();
  }

  @Test
  void noFileUnderVersionControlNamesTheFolderOutsideTheRepository() throws Exception {
    Path self = ROOT.resolve("examples/src/test/java/dev/vaelab/examples/RepositoryStandsAloneTest.java");
    List<String> naming = new ArrayList<>();
    List<Path> files = tracked();
    for (Path f : files) {
      if (f.equals(self) || Files.size(f) > 20_000_000) {
        continue;
      }
      byte[] bytes = Files.readAllBytes(f);
      String text = new String(bytes, StandardCharsets.ISO_8859_1); // any bytes; the name is ASCII
      if (text.contains(OUTSIDE)) {
        naming.add(ROOT.relativize(f).toString());
      }
    }
    assertThat(files).as("files examined").hasSizeGreaterThan(200);
    assertThat(naming).as("files naming the folder outside the repository (" + OUTSIDE + ")").isEmpty();
  }
}
