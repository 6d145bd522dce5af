package dev.vaelab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path tmp;

  static byte[] idx(int type, int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
    for (int d : dims) {
      b.putInt(d);
    }
    b.put(data);
    return b.array();
  }

  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(raw);
    }
    return bos.toByteArray();
  }

  static byte[] sixValues() {
    return new byte[] {0, 1, 2, (byte) 200, (byte) 255, 7};
  }

  @Test
  void readsPlainAndGzipFilesIdentically() throws IOException {
    byte[] raw = idx(0x08, new int[] {2, 3}, sixValues());
    Path plain = tmp.resolve("a-idx2-ubyte");
    Path gz = tmp.resolve("a-idx2-ubyte.gz");
    Files.write(plain, raw);
    Files.write(gz, gzip(raw));
    for (Path p : new Path[] {plain, gz}) {
      IdxArray a = IdxReader.read(p);
      assertThat(a.dimensions()).containsExactly(2, 3);
      assertThat(a.count()).isEqualTo(2);
      assertThat(a.itemSize()).isEqualTo(3);
      assertThat(a.unsigned(3)).isEqualTo(200);
      assertThat(a.unsigned(4)).isEqualTo(255);
    }
  }

  @Test
  void rejectsABadMagicNumber() {
    byte[] raw = idx(0x08, new int[] {2, 3}, sixValues());
    raw[1] = 0x12;
    assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(raw), "bad.idx"))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining("bad.idx")
        .hasMessageContaining("magic")
        .hasMessageContaining("0x12");
  }

  @Test
  void rejectsAnUnsupportedType() {
    byte[] raw = idx(0x0D, new int[] {2, 3}, sixValues());
    assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(raw), "f.idx"))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining("0x0d")
        .hasMessageContaining("unsigned byte");
  }

  @Test
  void rejectsZeroDimensionsAndZeroSizes() {
    assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(idx(0x08, new int[] {}, new byte[0])), "z"))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining("0 dimensions");
    assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(idx(0x08, new int[] {2, 0}, new byte[0])), "z"))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining("dimension 1 is 0");
  }

  @Test
  void rejectsATruncatedFileNamingBothLengths() throws IOException {
    byte[] raw = idx(0x08, new int[] {2, 3}, sixValues());
    byte[] cut = Arrays.copyOf(raw, raw.length - 2);
    Path gz = tmp.resolve("cut.gz");
    Files.write(gz, gzip(cut));
    assertThatThrownBy(() -> IdxReader.read(gz))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("declares 6 data bytes, found 4");
  }

  @Test
  void rejectsATruncatedHeader() {
    byte[] raw = Arrays.copyOf(idx(0x08, new int[] {2, 3}, sixValues()), 6);
    assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(raw), "h"))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining("truncated IDX header");
  }

  @Test
  void rejectsTrailingBytes() {
    byte[] raw = idx(0x08, new int[] {2, 2}, sixValues());
    assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(raw), "t"))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void rejectsATruncatedGzipStream() throws IOException {
    byte[] gz = gzip(idx(0x08, new int[] {100, 100}, new byte[10_000]));
    byte[] cut = Arrays.copyOf(gz, gz.length / 2);
    assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(cut), "half.gz"))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining("half.gz");
  }

  @Test
  void rejectsAHeaderAskingForAnAbsurdSize() {
    byte[] raw = idx(0x08, new int[] {65536, 65536, 2}, new byte[0]);
    assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(raw), "huge"))
        .isInstanceOf(IdxFormatException.class)
        .hasMessageContaining("corrupt header");
  }
}
