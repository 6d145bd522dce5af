package dev.vaelab.examples;

import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.image.RunImages;
import dev.vaelab.lab.run.RunSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import dev.vaelab.core.data.Dataset;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vaelab train --data} on data vaelab does not ship — an image folder of RGB PNGs in class
 * folders, a CSV with a text label column, a uint8 .npy with labels beside it — for a Gaussian
 * VAE, a conv VAE and the mixture: the models take their input shape from the data, config.json
 * records the shape and the preprocessing, and the run folder has its images.
 */
class DataInTest {
  @TempDir static Path tmp;

  /** 3 classes of 12×8 RGB images: a bright bar whose colour and row depend on the class, plus noise. */
  @BeforeAll
  static void makeData() throws Exception {
    Random r = new Random(3);
    for (int k = 0; k < 3; k++) {
      Path dir = Files.createDirectories(tmp.resolve("shapes/class-" + k));
      for (int i = 0; i < 40; i++) {
        BufferedImage img = new BufferedImage(8, 12, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 12; y++) {
          for (int x = 0; x < 8; x++) {
            boolean bar = y / 4 == k;
            int noise = r.nextInt(30);
            img.setRGB(x, y, bar ? (k == 0 ? 0xE00000 : k == 1 ? 0x00E000 : 0x0000E0) + noise : noise);
          }
        }
        ImageIO.write(img, "png", dir.resolve(i + ".png").toFile());
      }
    }
    StringBuilder csv = new StringBuilder("u,v,w,species\n");
    for (int i = 0; i < 150; i++) {
      int k = i % 3;
      csv.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%.4f,%s%n", 10 * k + r.nextGaussian(), -5 * k + r.nextGaussian(),
          100 + r.nextGaussian(), new String[] {"setosa", "versicolor", "virginica"}[k]));
    }
    Files.writeString(tmp.resolve("points.csv"), csv);
    byte[] px = new byte[200 * 6 * 6];
    ByteBuffer labels = ByteBuffer.allocate(8 * 200).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 200; i++) {
      int k = i % 2;
      labels.putLong(k);
      for (int p = 0; p < 36; p++) {
        px[i * 36 + p] = (byte) ((p % 6 < 3) == (k == 0) ? 200 + r.nextInt(50) : r.nextInt(50));
      }
    }
    Files.write(tmp.resolve("halves.npy"), npy("|u1", "(200, 6, 6)", px));
    Files.write(tmp.resolve("halves.labels.npy"), npy("<i8", "(200,)", labels.array()));
  }

  static byte[] npy(String descr, String shape, byte[] data) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    String header = dict + " ".repeat((64 - (11 + dict.length()) % 64) % 64) + "\n";
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
    out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(data);
    return out.toByteArray();
  }

  static JsonObject train(String... args) throws Exception {
    RunFolderTest.Exit e = RunFolderTest.cli(args);
    assertThat(e.code()).as(e.err()).isZero();
    int at = java.util.Arrays.asList(args).indexOf("--out");
    return TrainRunTest.json(Path.of(args[at + 1]).resolve("config.json"));
  }

  @Test
  void aConvVaeTrainsOnAnRgbImageFolderOfItsOwnSize() throws Exception {
    Path run = tmp.resolve("conv");
    JsonObject c = train("train", "--model", "conv-vae", "--data", tmp.resolve("shapes").toString(), "--image-channels", "3", "--decoder", "gaussian",
        "--epochs", "1", "--nll-k", "0", "--hidden", "16", "--latent", "2", "--out", run.toString());
    assertThat(c.get("data_shape").getAsString()).isEqualTo("12x8x3");
    assertThat(c.get("preprocessing").getAsString()).isEqualTo("pixels/255");
    JsonObject s = TrainRunTest.json(run.resolve("summary.json"));
    assertThat(s.get("train_examples").getAsInt()).isEqualTo(96); // 120 images, 20 % held out
    assertThat(s.get("test_examples").getAsInt()).isEqualTo(24);
    BufferedImage grid = ImageIO.read(run.resolve("reconstructions.png").toFile());
    assertThat(grid.getColorModel().getNumColorComponents()).isEqualTo(3); // a colour grid
    // the class folders name the classes (latents.png's legend)
    DataSource.Splits read = DataSource.load(RunSpec.read(run.resolve("config.json")).data(), false, "test");
    assertThat(read.classNames()).containsExactly("class-0", "class-1", "class-2");
    assertThat(read.className(2)).isEqualTo("class-2");
    assertThat(run.resolve("latents.png")).exists();
    // evaluate and sample rebuild the model from config.json's shape
    assertThat(RunFolderTest.cli("evaluate", "--run", run.toString()).code()).isZero();
    assertThat(RunFolderTest.cli("sample", "--run", run.toString(), "-n", "4").code()).isZero();
  }

  @Test
  void aGaussianVaeTrainsOnACsvScaledByTheTrainingSplitsRange() throws Exception {
    Path run = tmp.resolve("csv");
    JsonObject c = train("train", "--data", tmp.resolve("points.csv").toString(), "--label-column", "species", "--scaling", "minmax",
        "--epochs", "1", "--nll-k", "0", "--hidden", "8", "--latent", "2", "--out", run.toString());
    assertThat(c.get("data_shape").getAsString()).isEqualTo("3");
    assertThat(c.get("preprocessing").getAsString()).isEqualTo("min-max per feature (training split), clipped to [0, 1], binarised > 0.5");
    assertThat(run.resolve("samples.csv")).exists();
    assertThat(Files.readAllLines(run.resolve("samples.csv")).get(0)).isEqualTo("x1,x2,x3");
    // the scaling recomputed by hand from the split the run used
    var settings = RunSpec.read(run.resolve("config.json")).data();
    DataSource.Splits raw = DataSource.load(settings.with("scaling", "none"), false, "test");
    DataSource.Splits scaled = DataSource.load(settings.with("scaling", "minmax"), false, "test");
    Dataset tr = raw.train();
    for (int j = 0; j < 3; j++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < tr.size(); i++) {
        lo = Math.min(lo, tr.get(i, j));
        hi = Math.max(hi, tr.get(i, j));
      }
      for (int i = 0; i < raw.test().size(); i++) {
        double want = Math.max(0, Math.min(1, (raw.test().get(i, j) - lo) / (hi - lo)));
        assertThat((double) scaled.test().get(i, j)).isCloseTo(want, within(1e-6));
      }
    }
    assertThat(scaled.train().label(0)).isBetween(0, 2);
    assertThat(scaled.className(0)).isEqualTo("setosa"); // text labels keep their names
  }

  @Test
  void theMixtureFitsANpyOfImagesAndACsvOfVectors() throws Exception {
    Path run = tmp.resolve("gmm-npy");
    train("train", "--model", "gmm", "--data", tmp.resolve("halves.npy").toString(), "--components", "2", "--pca-dim", "4", "--out", run.toString());
    JsonObject s = TrainRunTest.json(run.resolve("summary.json"));
    assertThat(s.get("dataset").getAsString()).startsWith("npy:halves.npy-pca4");
    assertThat(run.resolve("samples.png")).exists();
    Path csvRun = tmp.resolve("gmm-csv");
    train("train", "--model", "gmm", "--data", tmp.resolve("points.csv").toString(), "--label-column", "species", "--components", "3",
        "--covariance", "diag", "--out", csvRun.toString());
    JsonObject t = TrainRunTest.json(csvRun.resolve("summary.json"));
    // three well-separated unit Gaussians in 3 features (the label column left out): E ln p = −ln 3 − (3/2) ln(2πe) = −5.355 nats
    double expected = -Math.log(3) - 1.5 * Math.log(2 * Math.PI * Math.E);
    assertThat(t.get("train_loglik").getAsDouble()).isCloseTo(expected, within(0.25));
  }

  @Test
  void aGaussianVaeTrainsOnANpyWithItsLabels() throws Exception {
    Path run = tmp.resolve("npy");
    JsonObject c = train("train", "--data", tmp.resolve("halves.npy").toString(), "--epochs", "2", "--nll-k", "10", "--nll-examples", "20",
        "--hidden", "16", "--latent", "2", "--out", run.toString());
    assertThat(c.get("data_shape").getAsString()).isEqualTo("6x6x1");
    assertThat(c.get("preprocessing").getAsString()).isEqualTo("pixels/255, binarised > 0.5");
    BufferedImage samples = ImageIO.read(run.resolve("samples.png").toFile());
    assertThat(samples.getWidth()).isEqualTo(RunImages.COLUMNS * (6 * RunImages.SCALE + 2) + 2);
  }

  @Test
  void aNpyStreamedFromDiskTrainsAndItsLastRowsAreTheTestSet() throws Exception {
    Path run = tmp.resolve("streamed");
    JsonObject c = train("train", "--data", tmp.resolve("halves.npy").toString(), "--stream", "--epochs", "2", "--nll-k", "0",
        "--hidden", "16", "--latent", "2", "--out", run.toString());
    assertThat(c.get("stream").getAsBoolean()).isTrue();
    assertThat(c.get("preprocessing").getAsString()).isEqualTo("pixels/255, binarised > 0.5, streamed by chunks of 4096 rows");
    JsonObject s = TrainRunTest.json(run.resolve("summary.json"));
    assertThat(s.get("train_examples").getAsInt()).isEqualTo(160);
    assertThat(s.get("test_examples").getAsInt()).isEqualTo(40); // the last 20 % of the rows
    assertThat(s.get("dataset").getAsString()).isEqualTo("npy:halves.npy-bin-streamed");
    assertThat(RunFolderTest.cli("evaluate", "--run", run.toString()).code()).isZero();
    RunFolderTest.Exit refused = RunFolderTest.cli("train", "--model", "tc-vae", "--data", tmp.resolve("halves.npy").toString(), "--stream",
        "--out", tmp.resolve("tc").toString());
    assertThat(refused.err()).contains("model tc-vae needs its whole training set in memory");
    assertThat(RunFolderTest.cli("train", "--model", "gmm", "--data", tmp.resolve("halves.npy").toString(), "--stream", "--out",
        tmp.resolve("g").toString()).err()).contains("model gmm fits its training set in memory");
    assertThat(RunFolderTest.cli("train", "--data", tmp.resolve("points.csv").toString(), "--stream", "--out", tmp.resolve("x").toString()).err())
        .contains("--stream reads a .npy file");
  }
}
