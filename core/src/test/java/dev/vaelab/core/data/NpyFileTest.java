package dev.vaelab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFileTest {
  @TempDir Path tmp;

  /** A .npy file as numpy.save writes it (version 1.0, header padded to a multiple of 64 with a newline). */
  static byte[] npy(String descr, String shape, byte[] data) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int total = 10 + dict.length() + 1;
    int pad = (64 - total % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.write(header.length() & 0xFF);
    out.write(header.length() >> 8);
    out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(data);
    return out.toByteArray();
  }

  static byte[] floats(ByteOrder order, float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(order);
    for (float f : v) {
      b.putFloat(f);
    }
    return b.array();
  }

  Path write(String name, byte[] content) throws Exception {
    Path p = tmp.resolve(name);
    Files.write(p, content);
    return p;
  }

  @Test
  void uint8ImagesAreDividedBy255AndKeepTheirShape() throws Exception {
    byte[] px = new byte[2 * 2 * 3];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i * 20);
    }
    NpyFile f = new NpyFile(write("a.npy", npy("|u1", "(2, 2, 3)", px)));
    assertThat(f.shape()).isEqualTo(new ImageShape(2, 3, 1));
    assertThat(f.scaling()).isEqualTo("pixels/255");
    ShapedData d = f.load(null);
    assertThat(d.data().size()).isEqualTo(2);
    for (int i = 0; i < px.length; i++) {
      assertThat(d.data().get(i / 6, i % 6)).isEqualTo((px[i] & 0xFF) / 255f);
    }
  }

  @Test
  void float32BigEndianAndFloat64VectorsAreReadAsStored() throws Exception {
    ShapedData big = new NpyFile(write("b.npy", npy(">f4", "(2, 2)", floats(ByteOrder.BIG_ENDIAN, 1.5f, -2f, 3.25f, 1e-3f)))).load(null);
    assertThat(big.shape().isVector()).isTrue();
    assertThat(big.scaling()).isEqualTo("none");
    assertThat(big.data().row(1)).containsExactly(3.25f, 1e-3f);
    ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.1).putDouble(-7).putDouble(1e30);
    ShapedData d = new NpyFile(write("c.npy", npy("<f8", "(3,)", b.array()))).load(null);
    assertThat(d.shape()).isEqualTo(ImageShape.vector(1));
    assertThat(d.data().get(0, 0)).isEqualTo(0.1f);
    assertThat(d.data().get(2, 0)).isEqualTo(1e30f);
  }

  @Test
  void channelsFirstImagesAreTurnedChannelsLast() throws Exception {
    // one image, C = 3, H = 2, W = 5 (last dimension > 4, so the layout is [N, C, H, W])
    float[] chw = new float[3 * 2 * 5];
    for (int i = 0; i < chw.length; i++) {
      chw[i] = i;
    }
    NpyFile f = new NpyFile(write("d.npy", npy("<f4", "(1, 3, 2, 5)", floats(ByteOrder.LITTLE_ENDIAN, chw))));
    assertThat(f.channelsFirst()).isTrue();
    assertThat(f.shape()).isEqualTo(new ImageShape(2, 5, 3));
    float[] row = f.load(null).data().row(0);
    for (int c = 0; c < 3; c++) {
      for (int h = 0; h < 2; h++) {
        for (int w = 0; w < 5; w++) {
          assertThat(row[(h * 5 + w) * 3 + c]).isEqualTo(chw[(c * 2 + h) * 5 + w]);
        }
      }
    }
  }

  @Test
  void labelsBesideTheDataAreRead() throws Exception {
    Path data = write("e.npy", npy("|u1", "(3, 2)", new byte[6]));
    ByteBuffer l = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(2).putLong(0).putLong(9);
    write("e.labels.npy", npy("<i8", "(3,)", l.array()));
    Path labels = NpyFile.labelsFileOf(data);
    assertThat(labels).isNotNull();
    ShapedData d = new NpyFile(data).load(labels);
    assertThat(new int[] {d.data().label(0), d.data().label(1), d.data().label(2)}).containsExactly(2, 0, 9);
    write("f.npy", npy("|u1", "(3, 2)", new byte[6]));
    Path wrong = write("f.labels.npy", npy("<f4", "(3,)", floats(ByteOrder.LITTLE_ENDIAN, 1f, 0.5f, 2f)));
    assertThatThrownBy(() -> new NpyFile(tmp.resolve("f.npy")).load(wrong)).hasMessageContaining("f.labels.npy")
        .hasMessageContaining("label 0.5 of example 1");
  }

  @Test
  void badFilesAreNamedWithTheProblem() throws Exception {
    assertThatThrownBy(() -> new NpyFile(write("g.npy", "not numpy".getBytes()))).hasMessageContaining("g.npy").hasMessageContaining("\\x93NUMPY");
    assertThatThrownBy(() -> new NpyFile(write("h.npy", npy("<f4", "(4, 2)", new byte[12]))))
        .hasMessageContaining("h.npy").hasMessageContaining("needs 32 data bytes, the file has 12 (truncated)");
    assertThatThrownBy(() -> new NpyFile(write("i.npy", npy("<c8", "(1,)", new byte[8])))).hasMessageContaining("dtype '<c8' is not supported");
    assertThatThrownBy(() -> new NpyFile(write("j.npy", npy("<i4", "(1,)", new byte[4])))).hasMessageContaining("is not a data type vaelab trains on");
    byte[] fortran = npy("<f4", "(1, 1)", new byte[4]);
    String s = new String(fortran, StandardCharsets.ISO_8859_1).replace("False", "True ");
    assertThatThrownBy(() -> new NpyFile(write("k.npy", s.getBytes(StandardCharsets.ISO_8859_1)))).hasMessageContaining("Fortran order");
    assertThatThrownBy(() -> new NpyFile(write("l.npy", npy("<f4", "(1, 0)", new byte[0])))).hasMessageContaining("every dimension must be >= 1");
    assertThatThrownBy(() -> new NpyFile(write("m.npy", npy("<f4", "(1, 1)", floats(ByteOrder.LITTLE_ENDIAN, Float.NaN)))).load(null))
        .hasMessageContaining("m.npy").hasMessageContaining("non-finite");
    assertThatThrownBy(() -> new NpyFile(write("n.npy", npy("<f4", "(1, 2, 3, 5, 7)", new byte[4 * 210]))))
        .hasMessageContaining("5 dimensions");
  }

  @Test
  void rowsReadOnDemandEqualTheWholeArray() throws Exception {
    float[] v = new float[40 * 3];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) Math.sin(i);
    }
    NpyFile f = new NpyFile(write("o.npy", npy("<f4", "(40, 3)", floats(ByteOrder.LITTLE_ENDIAN, v))));
    float[] part = new float[7 * 3];
    try (var ch = f.open()) {
      f.readRows(ch, 11, 7, part);
    }
    for (int i = 0; i < part.length; i++) {
      assertThat(part[i]).isCloseTo(v[33 + i], within(0f));
    }
  }

  @Test
  void whatNpyWriterWritesReadsBackExactly() throws Exception {
    float[] v = {1.5f, -2f, 3.25f, 1e-7f, Float.MAX_VALUE, 0f};
    Path f = tmp.resolve("w.npy");
    NpyWriter.writeFloats(f, v, 3, 2);
    NpyWriter.writeLabels(tmp.resolve("w.labels.npy"), new int[] {7, 0, 65535});
    byte[] raw = Files.readAllBytes(f);
    assertThat(raw.length % 64).as("header padded to 64 bytes, as numpy writes it").isEqualTo((4 * 6) % 64);
    ShapedData d = new NpyFile(f).load(NpyFile.labelsFileOf(f));
    assertThat(d.shape()).isEqualTo(ImageShape.vector(2));
    for (int i = 0; i < 6; i++) {
      assertThat(d.data().get(i / 2, i % 2)).isEqualTo(v[i]);
    }
    assertThat(d.data().labels()).containsExactly(7, 0, 65535);
  }
}
