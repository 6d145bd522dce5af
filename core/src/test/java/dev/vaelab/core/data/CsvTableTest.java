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

  /** Issue 30, group 3: one delimiter per file; the header's width is the rows' width; names may hold spaces. */
  @Test
  void oneDelimiterPerFileAndTheHeaderHasTheRowsWidth() throws Exception {
    // a decimal comma under semicolons: the semicolon is the delimiter, and "0,3456" is not silently two numbers
    Path european = write("a;b;c\n0,3456;0,8216;0,3304\n");
    assertThatThrownBy(() -> CsvTable.read(european, false, null)).hasMessageContaining("line 2")
        .hasMessageContaining("'0,3456' (column 1) is not a number").hasMessageContaining("decimal comma");
    assertThat(CsvTable.read(write("a;b;c\n0.3456;0.8216;0.3304\n"), false, null).values()).isDeepEqualTo(new double[][] {{0.3456, 0.8216, 0.3304}});
    // a header of two names over rows of three values
    Path narrow = write("a,b\n1,2,3\n4,5,6\n");
    assertThatThrownBy(() -> CsvTable.read(narrow, false, null)).hasMessageContaining("the header has 2 names")
        .hasMessageContaining("line 2 has 3 values");
    // a comma-separated file whose cells hold spaces and semicolons in quotes: not split on them
    CsvTable spaced = CsvTable.read(write("first value, second value ,label\n1,2,\"a;b\"\n3,4,c d\n"), false, "label");
    assertThat(spaced.values()).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
    assertThat(spaced.classNames()).containsExactly("a;b", "c d");
    assertThat(spaced.delimiter()).isEqualTo(',');
    // tabs and runs of spaces
    assertThat(CsvTable.read(write("x\ty\n1.5\t2\n"), false, null, null).delimiter()).isEqualTo('\t');
    assertThat(CsvTable.read(write("1   2  3\n4 5 6\n"), false, null).values()).isDeepEqualTo(new double[][] {{1, 2, 3}, {4, 5, 6}});
    // an explicit delimiter wins over detection
    assertThat(CsvTable.read(write("a;b,c\n1,2\n"), false, null, ',').values()[0]).hasSize(2);
    assertThatThrownBy(() -> CsvTable.read(write("1,2\n3,4,5\n"), false, null)).hasMessageContaining("line 2: 3 values, expected 2");
    assertThatThrownBy(() -> CsvTable.parseDelimiter("pipe")).hasMessageContaining("got 'pipe'");
  }

  /** Issue 30, group 4: numeric labels are numbers (integral floats, negatives), never text in string order. */
  @Test
  void numericLabelsAreNumbersWhateverTheirSpelling() throws Exception {
    // pandas writes integer labels of a float column as 0.0, 1.0, ...: 10.0 is class 10 and 2.0 class 2 (string order would give 2 and 3)
    CsvTable pandas = CsvTable.read(write("x,label\n1,0.0\n2,1.0\n3,2.0\n4,10.0\n"), false, "label");
    assertThat(pandas.labels()).containsExactly(0, 1, 2, 10);
    assertThat(pandas.classNames()).isNull();
    assertThat(pandas.labelMapping()).isEmpty();
    // one -1: the distinct values in numeric order are the classes (not string order: "-1" < "10" < "2")
    CsvTable negative = CsvTable.read(write("x,label\n1,2\n2,-1\n3,10\n4,2\n"), false, "label");
    assertThat(negative.labels()).containsExactly(1, 0, 2, 1);
    assertThat(negative.classNames()).containsExactly("-1", "2", "10");
    assertThat(negative.labelMapping()).isEqualTo("-1→0, 2→1, 10→2");
    Path half = write("x,label\n1,0\n2,0.5\n");
    assertThatThrownBy(() -> CsvTable.read(half, false, "label")).hasMessageContaining("line 3").hasMessageContaining("label 0.5")
        .hasMessageContaining("not a whole number");
    CsvTable text = CsvTable.read(write("x,label\n1,b\n2,a\n"), false, "label");
    assertThat(text.labelMapping()).isEqualTo("a→0, b→1");
  }

  @Test
  void linesAreCountedPastCommentsBlankLinesAndQuotedLineBreaks() throws Exception {
    Path p = write("# a comment\nx,y\n\n1,2\n# another\n3,oops\n");
    assertThatThrownBy(() -> CsvTable.read(p, false, null)).hasMessageContaining("line 6").hasMessageContaining("'oops'");
  }
}
