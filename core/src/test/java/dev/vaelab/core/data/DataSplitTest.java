package dev.vaelab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataSplitTest {
  @Test
  void theSplitIsASeededPartitionWithTheRightSizes() {
    int n = 50;
    float[] v = new float[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
      labels[i] = i % 3;
    }
    ShapedData all = new ShapedData(new Dataset("d", v, 1, labels), ImageShape.vector(1), "none");
    ShapedData[] a = DataSplit.random(all, 0.2, 5);
    ShapedData[] b = DataSplit.random(all, 0.2, 5);
    assertThat(a[1].data().size()).isEqualTo(10);
    assertThat(a[0].data().size()).isEqualTo(40);
    Set<Float> seen = new HashSet<>();
    for (ShapedData s : a) {
      for (int i = 0; i < s.data().size(); i++) {
        float x = s.data().get(i, 0);
        assertThat(seen.add(x)).isTrue();
        assertThat(s.data().label(i)).isEqualTo((int) x % 3); // labels travel with their rows
      }
    }
    assertThat(seen).hasSize(n);
    assertThat(a[1].data().row(3)).isEqualTo(b[1].data().row(3));
    assertThat(DataSplit.random(all, 0.2, 6)[1].data().row(0)).isNotEqualTo(a[1].data().row(0)); // seed matters (this draw)
    assertThatThrownBy(() -> DataSplit.random(all, 1.0, 0)).hasMessageContaining("--test-fraction must be in (0, 1), got 1.0");
  }
}
