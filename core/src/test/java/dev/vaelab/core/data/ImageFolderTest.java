package dev.vaelab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
  @TempDir Path tmp;

  /** An h × w PNG whose pixel (x, y) has colour {@code rgb(x, y)}. */
  static void png(Path file, int h, int w, java.util.function.IntBinaryOperator rgb) throws Exception {
    Files.createDirectories(file.getParent());
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, rgb.applyAsInt(x, y));
      }
    }
    ImageIO.write(img, "png", file.toFile());
  }

  static int rgb(int r, int g, int b) {
    return (r << 16) | (g << 8) | b;
  }

  @Test
  void classFoldersGiveLabelsInSortedOrderAndGreyIsTheLuminance() throws Exception {
    png(tmp.resolve("data/zebra/1.png"), 2, 3, (x, y) -> rgb(10 * x, 50 * y, 200));
    png(tmp.resolve("data/ant/2.png"), 2, 3, (x, y) -> rgb(255, 0, 0));
    png(tmp.resolve("data/ant/1.png"), 2, 3, (x, y) -> rgb(0, 0, 0));
    Files.writeString(tmp.resolve("data/ant/readme.txt"), "not an image");
    png(tmp.resolve("data/.ipynb_checkpoints/x.png"), 2, 3, (x, y) -> 0); // hidden folders are not classes
    png(tmp.resolve("data/__MACOSX/y.png"), 2, 3, (x, y) -> 0);
    ShapedData d = ImageFolder.load(tmp.resolve("data"), ImageFolder.Options.parse("", 1));
    assertThat(d.shape()).isEqualTo(new ImageShape(2, 3, 1));
    assertThat(d.data().size()).isEqualTo(3);
    assertThat(new int[] {d.data().label(0), d.data().label(1), d.data().label(2)}).containsExactly(0, 0, 1); // ant/1, ant/2, zebra/1
    assertThat(d.data().row(1)).containsOnly((float) (0.299 * 255 / 255.0));
    float[] z = d.data().row(2);
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) {
        assertThat(z[y * 3 + x]).isCloseTo((float) ((0.299 * 10 * x + 0.587 * 50 * y + 0.114 * 200) / 255.0), within(1e-6f));
      }
    }
  }

  @Test
  void rgbIsChannelsLastAndResizingAConstantImageKeepsItsColour() throws Exception {
    png(tmp.resolve("rgb/a.png"), 4, 6, (x, y) -> rgb(20, 140, 230));
    png(tmp.resolve("rgb/b.png"), 3, 3, (x, y) -> rgb(x * 100, y * 100, 7));
    ShapedData d = ImageFolder.load(tmp.resolve("rgb"), ImageFolder.Options.parse("5x2", 3));
    assertThat(d.shape()).isEqualTo(new ImageShape(5, 2, 3));
    assertThat(d.data().hasLabels()).isFalse();
    float[] a = d.data().row(0);
    for (int p = 0; p < 10; p++) {
      assertThat(a[3 * p]).isCloseTo(20 / 255f, within(1e-6f));
      assertThat(a[3 * p + 1]).isCloseTo(140 / 255f, within(1e-6f));
      assertThat(a[3 * p + 2]).isCloseTo(230 / 255f, within(1e-6f));
    }
    // no resizing asked: the same pixels exactly, R, G, B per pixel
    ShapedData same = ImageFolder.load(tmp.resolve("rgb"), ImageFolder.Options.parse("3", 3));
    float[] b = same.data().row(1);
    assertThat(b[(2 * 3 + 1) * 3]).isEqualTo(100 / 255f); // x = 1, y = 2
    assertThat(b[(2 * 3 + 1) * 3 + 1]).isEqualTo(200 / 255f);
    assertThat(b[(2 * 3 + 1) * 3 + 2]).isEqualTo(7 / 255f);
  }

  @Test
  void trainAndTestFoldersAreTheSplitWithOneClassNumbering() throws Exception {
    png(tmp.resolve("s/train/b/1.png"), 2, 2, (x, y) -> 0);
    png(tmp.resolve("s/train/c/1.png"), 2, 2, (x, y) -> 0);
    png(tmp.resolve("s/test/a/1.png"), 2, 2, (x, y) -> 0);
    png(tmp.resolve("s/test/c/1.png"), 2, 2, (x, y) -> 0);
    assertThat(ImageFolder.hasSplitFolders(tmp.resolve("s"))).isTrue();
    ShapedData[] tt = ImageFolder.loadSplitFolders(tmp.resolve("s"), ImageFolder.Options.parse("", 1));
    assertThat(new int[] {tt[0].data().label(0), tt[0].data().label(1)}).containsExactly(1, 2); // a = 0, b = 1, c = 2
    assertThat(new int[] {tt[1].data().label(0), tt[1].data().label(1)}).containsExactly(0, 2);
  }

  @Test
  void mixedSizesEmptyClassesAndBrokenFilesAreNamed() throws Exception {
    png(tmp.resolve("m/a.png"), 2, 2, (x, y) -> 0);
    png(tmp.resolve("m/b.png"), 3, 2, (x, y) -> 0);
    assertThatThrownBy(() -> ImageFolder.load(tmp.resolve("m"), ImageFolder.Options.parse("", 1)))
        .hasMessageContaining("b.png is 3x2").hasMessageContaining("--image-size");
    Files.createDirectories(tmp.resolve("e/cls"));
    png(tmp.resolve("e/other/a.png"), 2, 2, (x, y) -> 0);
    assertThatThrownBy(() -> ImageFolder.load(tmp.resolve("e"), ImageFolder.Options.parse("", 1))).hasMessageContaining("cls holds no");
    Files.createDirectories(tmp.resolve("x"));
    Files.write(tmp.resolve("x/bad.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    assertThatThrownBy(() -> ImageFolder.load(tmp.resolve("x"), ImageFolder.Options.parse("", 1))).hasMessageContaining("bad.png");
    assertThatThrownBy(() -> ImageFolder.Options.parse("12x", 1)).hasMessageContaining("'12x'");
    assertThatThrownBy(() -> ImageFolder.Options.parse("", 2)).hasMessageContaining("got 2");
  }

  /** Issue 30, group 5: alpha is dropped as the docs say (and as PIL's convert("RGB") does), not composited over black. */
  @Test
  void transparentPixelsKeepTheColourStoredUnderThem() throws Exception {
    Path f = tmp.resolve("alpha/a.png");
    Files.createDirectories(f.getParent());
    BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(0, 0, (0x00 << 24) | rgb(127, 127, 127)); // fully transparent, grey stored under it
    img.setRGB(1, 0, (0x80 << 24) | rgb(255, 0, 51)); // half transparent
    ImageIO.write(img, "png", f.toFile());
    ShapedData d = ImageFolder.load(tmp.resolve("alpha"), ImageFolder.Options.parse("", 3));
    assertThat(d.data().get(0, 0)).isEqualTo(127 / 255f); // over black it was 0
    assertThat(d.data().get(0, 3)).isEqualTo(1f);
    assertThat(d.data().get(0, 5)).isEqualTo(51 / 255f);
    ShapedData grey = ImageFolder.load(tmp.resolve("alpha"), ImageFolder.Options.parse("", 1));
    assertThat(grey.data().get(0, 0)).isCloseTo(127 / 255f, org.assertj.core.api.Assertions.within(1e-6f));
  }

  /** Issue 30, group 5: test/ images of another size than train/ are refused unless --image-size asks for resizing. */
  @Test
  void testImagesOfAnotherSizeAreRefusedUnlessResizingIsAskedFor() throws Exception {
    png(tmp.resolve("z/train/a/1.png"), 4, 4, (x, y) -> 0);
    png(tmp.resolve("z/test/a/1.png"), 6, 5, (x, y) -> 0);
    assertThatThrownBy(() -> ImageFolder.loadSplitFolders(tmp.resolve("z"), ImageFolder.Options.parse("", 1)))
        .hasMessageContaining("1.png is 6x5 (HxW) but the training images are 4x4").hasMessageContaining("--image-size");
    ShapedData[] resized = ImageFolder.loadSplitFolders(tmp.resolve("z"), ImageFolder.Options.parse("4", 1));
    assertThat(resized[1].shape()).isEqualTo(new ImageShape(4, 4, 1));
    assertThatThrownBy(() -> ImageFolder.Options.parse("0", 1)).hasMessageContaining("--image-size must be H or HxW with sides 1..");
    assertThatThrownBy(() -> ImageFolder.Options.parse("0x5", 1)).hasMessageContaining("got '0x5'");
  }
}
