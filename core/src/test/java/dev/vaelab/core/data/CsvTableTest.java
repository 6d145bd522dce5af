package dev.vaelab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
  @TempDir Path tmp;

  Path write(String text) throws Exception {
    Path p = tmp.resolve("t" + System.nanoTime() + ".csv");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void aNamedLabelColumnOfTextBecomesClassesInSortedOrder() throws Exception {
    CsvTable t = CsvTable.read(write("a,kind,b\n1,cat,2\n3,ant,4\n# note\n\n5,cat,6\n"), false, "kind");
    assertThat(t.values()).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    assertThat(t.classNames()).containsExactly("ant", "cat");
    assertThat(t.labels()).containsExactly(1, 0, 1);
    assertThat(t.lines()).containsExactly(2, 3, 6);
    ShapedData d = t.toShapedData("x");
    assertThat(d.shape()).isEqualTo(ImageShape.vector(2));
    assertThat(d.data().label(2)).isEqualTo(1);
  }

  @Test
  void aNumberedLabelColumnOfWholeNumbersKeepsThem() throws Exception {
    CsvTable t = CsvTable.read(write("0.5;7\n1.5;3\n"), false, "2");
    assertThat(t.labels()).containsExactly(7, 3);
    assertThat(t.classNames()).isNull();
    assertThat(t.values()).isDeepEqualTo(new double[][] {{0.5}, {1.5}});
  }

  @Test
  void spreadsheetExportsWithQuotesAndAByteOrderMarkAreRead() throws Exception {
    CsvTable t = CsvTable.read(write("\uFEFF\"x\",\"y\",\"kind\"\r\n\"1.5\",\"2\",\"a\"\r\n3,4,\"b\"\r\n"), false, "kind");
    assertThat(t.values()).isDeepEqualTo(new double[][] {{1.5, 2}, {3, 4}});
    assertThat(t.classNames()).containsExactly("a", "b");
    CsvTable noHeader = CsvTable.read(write("\uFEFF1,2\n3,4\n"), false, null);
    assertThat(noHeader.values()).hasNumberOfRows(2); // the mark does not turn the first row into a header or an error
  }

  @Test
  void problemsAreNamedWithFileLineAndColumn() throws Exception {
    Path p = write("1,2\n3,x\n");
    assertThatThrownBy(() -> CsvTable.read(p, false, null)).hasMessageContaining(p.toString()).hasMessageContaining("line 2")
        .hasMessageContaining("'x' (column 2) is not a number");
    assertThatThrownBy(() -> CsvTable.read(write("1,2\n3\n"), false, null)).hasMessageContaining("line 2: 1 values, expected 2");
    assertThatThrownBy(() -> CsvTable.read(write("1,2\n"), false, "label")).hasMessageContaining("--label-column label")
        .hasMessageContaining("no header row");
    assertThatThrownBy(() -> CsvTable.read(write("a\n"), false, null)).hasMessageContaining("holds no rows of numbers");
    assertThatThrownBy(() -> CsvTable.read(write("1,2\n3,1e39\n"), false, null).toShapedData("f")).hasMessageContaining("outside the range of a float");
    Path bin = tmp.resolve("bin.csv");
    Files.write(bin, new byte[] {'1', ',', (byte) 0xC3, (byte) 0x28, '\n'});
    assertThatThrownBy(() -> CsvTable.read(bin, false, null)).hasMessageContaining("not UTF-8");
  }
}
