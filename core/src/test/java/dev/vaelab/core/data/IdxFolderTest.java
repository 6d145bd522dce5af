package dev.vaelab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFolderTest {
  @TempDir Path tmp;

  @Test
  void idxFilesOfAnyImageSizeAndEmnistNamesAreRead() throws Exception {
    byte[] train = new byte[3 * 5 * 7];
    for (int i = 0; i < train.length; i++) {
      train[i] = (byte) (i * 7);
    }
    Files.write(tmp.resolve("emnist-letters-train-images-idx3-ubyte"), IdxReaderTest.idx(0x08, new int[] {3, 5, 7}, train));
    Files.write(tmp.resolve("emnist-letters-train-labels-idx1-ubyte"), IdxReaderTest.idx(0x08, new int[] {3}, new byte[] {26, 1, (byte) 200}));
    Files.write(tmp.resolve("emnist-letters-test-images-idx3-ubyte"), IdxReaderTest.idx(0x08, new int[] {1, 5, 7}, new byte[35]));
    assertThat(IdxFolder.isIdxFolder(tmp)).isTrue();
    ShapedData[] s = IdxFolder.load(tmp);
    assertThat(s[0].shape()).isEqualTo(new ImageShape(5, 7, 1));
    assertThat(s[0].data().get(2, 34)).isEqualTo(((2 * 35 + 34) * 7 & 0xFF) / 255f);
    assertThat(new int[] {s[0].data().label(0), s[0].data().label(2)}).containsExactly(26, 200);
    assertThat(s[1].data().hasLabels()).isFalse(); // no test labels file: none
  }

  @Test
  void aFileKeptBothCompressedAndUncompressedIsReadOnce() throws Exception {
    byte[] im = IdxReaderTest.idx(0x08, new int[] {2, 3, 3}, new byte[18]);
    Files.write(tmp.resolve("train-images-idx3-ubyte"), im);
    Files.write(tmp.resolve("train-images-idx3-ubyte.gz"), IdxFuzzTest.gzip(im));
    Files.write(tmp.resolve("t10k-images-idx3-ubyte"), IdxReaderTest.idx(0x08, new int[] {1, 3, 3}, new byte[9]));
    assertThat(IdxFolder.load(tmp)[0].data().size()).isEqualTo(2);
    Files.write(tmp.resolve("other-train-images-idx3-ubyte"), im);
    assertThatThrownBy(() -> IdxFolder.load(tmp)).hasMessageContaining("has 3 files named *train-images*");
  }

  @Test
  void colourIdxAndMismatchedSplitsAreHandled() throws Exception {
    ShapedData c = IdxFolder.toShapedData("c", new IdxArray(new int[] {2, 4, 4, 3}, new byte[96]), null);
    assertThat(c.shape()).isEqualTo(new ImageShape(4, 4, 3));
    Files.write(tmp.resolve("train-images-idx3-ubyte"), IdxReaderTest.idx(0x08, new int[] {1, 4, 4}, new byte[16]));
    Files.write(tmp.resolve("t10k-images-idx3-ubyte"), IdxReaderTest.idx(0x08, new int[] {1, 4, 5}, new byte[20]));
    assertThatThrownBy(() -> IdxFolder.load(tmp)).hasMessageContaining("training images are 4x4x1, test images 4x5x1");
    assertThatThrownBy(() -> IdxFolder.toShapedData("v", new IdxArray(new int[] {4}, new byte[4]), null)).hasMessageContaining("[N, H, W]");
  }

  /** Issue 30, minor: a 5-channel IDX file is refused with its name. */
  @Test
  void imagesOfAnotherChannelCountAreRefusedNamingTheFile() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("five"));
    Files.write(dir.resolve("train-images-idx3-ubyte"), IdxReaderTest.idx(0x08, new int[] {2, 3, 3, 5}, new byte[90]));
    Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxReaderTest.idx(0x08, new int[] {1, 3, 3, 5}, new byte[45]));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> IdxFolder.load(dir)).hasMessageContaining("train-images-idx3-ubyte")
        .hasMessageContaining("have 5 channels");
  }
}
