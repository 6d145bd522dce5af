package dev.vaelab.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;

class TensorBoardWriterTest {
  @TempDir Path tmp;

  @Test
  void theMaskedChecksumIsCrc32cMaskedAsTfRecordSays() {
    byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
    int crc = 0xE3069283; // CRC-32C check value of "123456789" (RFC 3720, B.4)
    int masked = ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    assertThat(EventFile.maskedCrc(b, 0, b.length)).isEqualTo(masked);
  }

  @Test
  void scalarsAndImagesWrittenBySummaryOpsReadBack() throws Exception {
    Path dir = tmp.resolve("tb");
    BufferedImage pic = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
    pic.setRGB(4, 2, 0x10E020);
    try (TensorBoardWriter w = new TensorBoardWriter(dir)) {
      w.onEpochEnd(new EpochMetrics(1, 10, 101.5, -100.25, 3.5, 96.75, -99.5, 3.25, 96.25, -99.5, 0.5, 2));
      w.onEpochEnd(new EpochMetrics(2, 20, 91.5, -90.25, 4.5, 85.75, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.5, 0));
      w.scalar("train/perplexity", 2, 17.125);
      w.image("samples", 2, pic);
    }
    List<Path> files = EventFile.files(dir);
    assertThat(files).hasSize(1);
    List<EventFile.Scalar> s = EventFile.scalars(dir);
    assertThat(s).contains(new EventFile.Scalar("train/elbo", 1, -100.25f), new EventFile.Scalar("test/elbo", 1, -99.5f),
        new EventFile.Scalar("train/skipped_batches", 1, 2f), new EventFile.Scalar("train/elbo", 2, -90.25f),
        new EventFile.Scalar("train/perplexity", 2, 17.125f));
    assertThat(s).noneMatch(x -> x.tag().startsWith("test/") && x.step() == 2); // NaN (no test set) left out
    List<Event> events = EventFile.read(files.get(0));
    assertThat(events.get(0).getFileVersion()).startsWith("brain.Event:");
    var image = events.stream().flatMap(e -> e.getSummary().getValueList().stream()).filter(v -> v.getTag().startsWith("samples"))
        .findFirst().orElseThrow().getImage();
    assertThat(image.getWidth()).isEqualTo(5);
    assertThat(image.getHeight()).isEqualTo(3);
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(image.getEncodedImageString().toByteArray()));
    assertThat(back.getRGB(4, 2) & 0xFFFFFF).isEqualTo(0x10E020);
    // a flipped byte is caught by the checksums
    byte[] bytes = Files.readAllBytes(files.get(0));
    bytes[bytes.length - 7] ^= 0x40;
    Path bad = tmp.resolve("events.out.tfevents.bad");
    Files.write(bad, bytes);
    assertThatThrownBy(() -> EventFile.read(bad)).hasMessageContaining("wrong data checksum");
  }
}
