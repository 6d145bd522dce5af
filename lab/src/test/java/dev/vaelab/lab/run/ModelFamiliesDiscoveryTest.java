package dev.vaelab.lab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry is what the services files on the class path name: the lab's own first, in their file's order. */
class ModelFamiliesDiscoveryTest {
  @TempDir Path tmp;

  @Test
  void theLabsOwnFamiliesAreFoundInTheOrderOfItsServicesFile() {
    assertThat(ModelFamilies.discover(ModelFamilies.class.getClassLoader())).extracting(ModelFamily::name)
        .startsWith("gaussian-vae", "iwae", "cvae", "conv-vae", "categorical-vae", "tc-vae", "vq-vae", "gmm");
  }

  @Test
  void twoFamiliesOfOneNameAreRefusedNamingBothClasses() throws IOException {
    // a second services file naming a family class whose name() collides with the lab's gaussian-vae
    Path services = tmp.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(ModelFamily.class.getName()), SameNameFamily.class.getName() + "\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, ModelFamilies.class.getClassLoader())) {
      assertThatThrownBy(() -> ModelFamilies.discover(loader)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("two model families are called 'gaussian-vae'")
          .hasMessageContaining(SameNameFamily.class.getName()).hasMessageContaining("GaussianVaeFamily");
    }
  }

  /** A family that claims the name of the lab's Gaussian VAE. */
  public static final class SameNameFamily extends dev.vaelab.lab.graph.GraphFamily<SameNameFamily.Options> {
    public record Options(long width) {}

    public SameNameFamily() {
      super("gaussian-vae", "a clash", Options.class, new Options(1));
    }

    @Override
    protected dev.vaelab.core.model.ModelSpec modelSpec(Options o, dev.vaelab.core.data.ImageShape input, long seed) {
      throw new UnsupportedOperationException();
    }

    @Override
    protected dev.vaelab.core.objective.Objective objective(Options o) {
      throw new UnsupportedOperationException();
    }

    @Override
    protected boolean binaryData(Options o) {
      return true;
    }
  }
}
