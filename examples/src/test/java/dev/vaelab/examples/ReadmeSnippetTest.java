package dev.vaelab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the Java snippets of README.md and of the module pages in docs/ (every ```java
 * block that declares a public class), so the documented library use keeps working.
 */
class ReadmeSnippetTest {
  @TempDir Path tmp;

  @Test
  void readmeSnippetCompilesAndRuns() throws Exception {
    String out = compileAndRun(Path.of(System.getProperty("user.dir")).resolve("../README.md"));
    assertThat(out).contains("test ELBO");
    List<String> lines = out.lines().filter(l -> l.startsWith("test ELBO")).toList();
    assertThat(lines).hasSize(1);
  }

  @Test
  void moduleGuideSnippetsCompileAndRun() throws Exception {
    Path docs = Path.of(System.getProperty("user.dir")).resolve("../docs");
    assertThat(compileAndRun(docs.resolve("gmm-em.md"))).contains("converged true");
    assertThat(compileAndRun(docs.resolve("vq-vae.md"))).contains("codes used");
    assertThat(compileAndRun(docs.resolve("modules.md"))).contains("test NLL");
    assertThat(compileAndRun(docs.resolve("extending.md"))).contains("VampPrior test ELBO");
  }

  @Test
  void servingGuideSnippetCompilesAndRuns() throws Exception {
    String out = compileAndRun(Path.of(System.getProperty("user.dir")).resolve("../docs/serving.md"));
    assertThat(out).contains("encode: 20 latent values").contains("P(z | y = (4, 0))");
  }

  private String compileAndRun(Path markdown) throws Exception {
    String text = Files.readString(markdown);
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(text);
    assertThat(m.find()).as(markdown + " has a ```java block").isTrue();
    String code = m.group(1);
    Matcher cls = Pattern.compile("public class (\\w+)").matcher(code);
    assertThat(cls.find()).as("the snippet declares a public class").isTrue();
    Path src = tmp.resolve(cls.group(1) + ".java");
    Files.writeString(src, code);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diag = new ByteArrayOutputStream();
    int rc = javac.run(null, diag, diag, "-cp", System.getProperty("java.class.path"), "-d", tmp.toString(), src.toString());
    assertThat(rc).as("javac: " + diag).isZero();
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, getClass().getClassLoader())) {
      System.setOut(new PrintStream(out, true));
      Method main = loader.loadClass(cls.group(1)).getMethod("main", String[].class);
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(old);
    }
    return out.toString();
  }
}
