package dev.vaelab.lab.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.FashionMnist;
import dev.vaelab.core.data.ImageShape;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 26: the feature network is trained once per data set, deterministically, cached, verified, and readable as a SavedModel. */
class FeatureNetworkTest {
  static final ImageShape SHAPE = new ImageShape(28, 28, 1);
  static final Dataset TRAIN = FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN).binarized(0.5).head(600);
  static final Dataset TEST = FashionMnist.loadEmbedded(FashionMnist.Split.TEST).binarized(0.5).head(300);

  @TempDir Path tmp;

  static float[] rows(Dataset d) {
    float[] x = new float[d.size() * d.dimension()];
    d.copyRange(0, d.size(), x);
    return x;
  }

  @Test
  void theSameDataTrainTheSameNetworkOnceAndTheCacheGivesItBack() {
    FeatureCache cache = new FeatureCache(tmp.resolve("cache"));
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    double[][] a;
    String hash;
    try (FeatureNetwork n = cache.network(TRAIN, TEST, SHAPE, new PrintStream(first, true))) {
      hash = n.weightsHash();
      a = n.features(rows(TEST), TEST.size());
      // a classifier of 10 classes trained 3 epochs on 1,000 images: far above chance (0.1), its accuracy measured here again
      assertThat(n.accuracy()).isGreaterThan(0.5).isEqualTo(n.accuracy(TEST));
      assertThat(a[0]).hasSize(FeatureNetwork.FEATURES);
      assertThat(java.util.Arrays.stream(a).flatMapToDouble(java.util.Arrays::stream).min().getAsDouble()).isGreaterThanOrEqualTo(0); // after a ReLU
    }
    assertThat(first.toString()).contains("training the feature network");
    try (FeatureNetwork n = cache.network(TRAIN, TEST, SHAPE, new PrintStream(second, true))) {
      assertThat(second.toString()).doesNotContain("training").contains("from " + cache.root());
      assertThat(n.weightsHash()).isEqualTo(hash);
      assertThat(n.features(rows(TEST), TEST.size())).isDeepEqualTo(a);
    }
    // trained again from nothing, elsewhere: the same weights bit for bit (seeded, one thread, a fixed order)
    try (FeatureNetwork n = new FeatureCache(tmp.resolve("other")).network(TRAIN, TEST, SHAPE, new PrintStream(new ByteArrayOutputStream()))) {
      assertThat(n.weightsHash()).isEqualTo(hash);
    }
    // other data: another network, in another folder
    try (FeatureNetwork n = cache.network(FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN).binarized(0.5).slice(1000, 1600), TEST, SHAPE,
        new PrintStream(new ByteArrayOutputStream()))) {
      assertThat(n.weightsHash()).isNotEqualTo(hash);
    }
    assertThat(cache.root().toFile().list()).hasSize(2);
  }

  @Test
  void aCachedNetworkThatNoLongerHashesToItsRecordIsTrainedAgain() throws Exception {
    FeatureCache cache = new FeatureCache(tmp.resolve("cache"));
    String hash;
    try (FeatureNetwork n = cache.network(TRAIN, TEST, SHAPE, new PrintStream(new ByteArrayOutputStream()))) {
      hash = n.weightsHash();
    }
    Path dir;
    try (var s = Files.list(cache.root())) {
      dir = s.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
    }
    Path record = dir.resolve(FeatureCache.FILE);
    JsonObject o = JsonParser.parseString(Files.readString(record)).getAsJsonObject();
    assertThat(o.get("weights_sha256").getAsString()).isEqualTo(hash);
    assertThat(o.get("data_sha256").getAsString()).startsWith(dir.getFileName().toString());
    assertThat(o.get("test_accuracy").getAsDouble()).isGreaterThan(0.5);
    o.addProperty("weights_sha256", "0".repeat(64));
    Files.writeString(record, o.toString());
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (FeatureNetwork n = cache.network(TRAIN, TEST, SHAPE, new PrintStream(log, true))) {
      assertThat(log.toString()).contains("does not hash to its record").contains("training the feature network");
      assertThat(n.weightsHash()).isEqualTo(hash);
    }
    assertThat(JsonParser.parseString(Files.readString(record)).getAsJsonObject().get("weights_sha256").getAsString()).isEqualTo(hash);
  }

  @Test
  void theNetworkExportedAsASavedModelGivesTheSameFeaturesThroughFeaturesDir() {
    Path saved = tmp.resolve("saved");
    double[][] direct;
    try (FeatureNetwork n = FeatureNetwork.train(TRAIN, TEST, SHAPE, 1, 3, new PrintStream(new ByteArrayOutputStream()))) {
      direct = n.features(rows(TEST), TEST.size());
      n.export(saved);
    }
    try (SavedModelFeatures f = SavedModelFeatures.load(saved, "features", "features", SHAPE)) {
      assertThat(f.dimension()).isEqualTo(FeatureNetwork.FEATURES);
      assertThat(f.id()).endsWith(":features:features").hasSize(64 + ":features:features".length());
      double[][] via = f.features(rows(TEST), TEST.size());
      for (int i = 0; i < via.length; i++) {
        for (int j = 0; j < via[i].length; j++) {
          assertThat(via[i][j]).isCloseTo(direct[i][j], org.assertj.core.api.Assertions.within(1e-5 * (1 + Math.abs(direct[i][j]))));
        }
      }
    }
    assertThatThrownBy(() -> SavedModelFeatures.load(saved, "pool", "features", SHAPE))
        .hasMessageContaining("--features-signature pool").hasMessageContaining("[features]");
    assertThatThrownBy(() -> SavedModelFeatures.load(saved, "features", "pool3", SHAPE))
        .hasMessageContaining("--features-output pool3").hasMessageContaining("[features]");
    assertThatThrownBy(() -> SavedModelFeatures.load(saved, "features", "features", new ImageShape(32, 32, 3)))
        .hasMessageContaining("the run's data give [-1, 32, 32, 3]");
    assertThatThrownBy(() -> SavedModelFeatures.load(tmp, "features", "features", SHAPE)).hasMessageContaining("not a TensorFlow SavedModel");
  }

  @Test
  void dataWithoutLabelsOrVectorsAreRefusedNamingWhy() {
    Dataset unlabelled = new Dataset("u", new float[20 * 784], 784, null);
    assertThatThrownBy(() -> FeatureNetwork.train(unlabelled, unlabelled, SHAPE, 1, 0, System.out)).hasMessageContaining("have none");
    assertThatThrownBy(() -> FeatureNetwork.train(TRAIN, TEST, ImageShape.vector(784), 1, 0, System.out)).hasMessageContaining("are vectors");
  }
}
