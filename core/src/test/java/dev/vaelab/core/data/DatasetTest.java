package dev.vaelab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DatasetTest {
  static Dataset small() {
    float[] v = new float[10 * 3];
    for (int i = 0; i < v.length; i++) {
      v[i] = i / 30f;
    }
    return new Dataset("small", v, 3, null);
  }

  @Test
  void permutationIsAPermutationAndDependsOnlyOnTheSeed() {
    Dataset d = small();
    int[] p1 = d.permutation(new Random(5));
    int[] p2 = d.permutation(new Random(5));
    int[] p3 = d.permutation(new Random(6));
    assertThat(p1).isEqualTo(p2);
    assertThat(p1).isNotEqualTo(p3);
    int[] sorted = p1.clone();
    Arrays.sort(sorted);
    assertThat(sorted).isEqualTo(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  }

  @Test
  void copyRowsGathersTheRowsInOrder() {
    Dataset d = small();
    float[] buf = new float[6];
    d.copyRows(new int[] {4, 1, 7}, 1, 3, buf);
    assertThat(buf).containsExactly(d.get(1, 0), d.get(1, 1), d.get(1, 2), d.get(7, 0), d.get(7, 1), d.get(7, 2));
  }

  @Test
  void staticBinarisationIsStrictlyGreaterThanTheThreshold() {
    Dataset d = new Dataset("t", new float[] {0.5f, 0.50001f, 0f, 1f}, 2, null).binarized(0.5);
    assertThat(d.row(0)).containsExactly(0f, 1f);
    assertThat(d.row(1)).containsExactly(0f, 1f);
  }

  @Test
  void dynamicBinarisationDrawsOnesWithThePixelProbability() {
    int n = 20_000;
    float[] v = new float[n];
    Arrays.fill(v, 0.3f);
    Dataset d = new Dataset("g", v, 1, null);
    int[] order = d.permutation(new Random(1));
    float[] buf = new float[n];
    d.copyRowsBinarized(order, 0, n, buf, new Random(2));
    double ones = 0;
    for (float b : buf) {
      assertThat(b).isIn(0f, 1f);
      ones += b;
    }
    assertThat(ones / n).isBetween(0.3 - 5 * Math.sqrt(0.21 / n), 0.3 + 5 * Math.sqrt(0.21 / n));
  }

  @Test
  void badInputIsRejectedWithTheOffendingValue() {
    assertThatThrownBy(() -> new Dataset("x", new float[] {0f, Float.NaN}, 2, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN")
        .hasMessageContaining("example 0, feature 1");
    assertThatThrownBy(() -> new Dataset("x", new float[0], 2, null)).hasMessageContaining("empty");
    assertThatThrownBy(() -> new Dataset("x", new float[5], 2, null)).hasMessageContaining("not a multiple");
    assertThatThrownBy(() -> new Dataset("x", new float[4], 2, new int[3])).hasMessageContaining("3 labels");
    assertThatThrownBy(() -> small().slice(5, 11)).hasMessageContaining("out of range");
  }

  @Test
  void theEmbeddedSliceIsTheFirstImagesOfFashionMnist() {
    Dataset train = FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN);
    Dataset test = FashionMnist.loadEmbedded(FashionMnist.Split.TEST);
    assertThat(train.size()).isEqualTo(EmbeddedData.TRAIN_SIZE);
    assertThat(test.size()).isEqualTo(EmbeddedData.TEST_SIZE);
    assertThat(train.dimension()).isEqualTo(784);
    // Fashion-MNIST's first training label is 9 (ankle boot), the first test label is 9 too
    assertThat(train.label(0)).isEqualTo(9);
    assertThat(test.label(0)).isEqualTo(9);
    int[] counts = new int[10];
    for (int i = 0; i < train.size(); i++) {
      counts[train.label(i)]++;
    }
    for (int c : counts) {
      assertThat(c).isBetween(800, 1200); // roughly balanced classes
    }
    for (int i = 0; i < 784; i++) {
      assertThat(train.get(0, i)).isBetween(0f, 1f);
    }
  }
}
