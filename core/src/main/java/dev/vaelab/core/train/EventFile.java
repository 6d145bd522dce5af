package dev.vaelab.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.tensorflow.proto.Event;

/**
 * Reads a TensorBoard event file: TFRecord framing — per record a little-endian uint64 length,
 * the masked CRC-32C of those 8 bytes, the data, the masked CRC-32C of the data, where
 * mask(c) = ((c ≫ 15) | (c ≪ 17)) + 0xa282ead8 — each record one {@code tensorflow.Event} proto.
 * Every check is made; a corrupt or truncated file is an error naming the record.
 */
public final class EventFile {
  private EventFile() {}

  /** A scalar of an event file: tag, step and value. */
  public record Scalar(String tag, long step, float value) {}

  /** The masked CRC-32C TFRecord uses. */
  static int maskedCrc(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    int crc = (int) c.getValue();
    return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
  }

  /**
   * Every event of {@code file}, in order.
   *
   * @throws IllegalArgumentException naming the file and record when the framing or a checksum is wrong
   */
  public static List<Event> read(Path file) {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    List<Event> out = new ArrayList<>();
    int record = 0;
    while (b.remaining() > 0) {
      if (b.remaining() < 12) {
        throw new IllegalArgumentException(file + ": record " + record + " is truncated in its header");
      }
      int at = b.position();
      long length = b.getLong();
      int lengthCrc = b.getInt();
      if (lengthCrc != maskedCrc(all, at, 8)) {
        throw new IllegalArgumentException(file + ": record " + record + " has a wrong length checksum");
      }
      if (length < 0 || length > b.remaining() - 4) {
        throw new IllegalArgumentException(file + ": record " + record + " declares " + length + " bytes, " + (b.remaining() - 4) + " remain");
      }
      int dataAt = b.position();
      b.position(dataAt + (int) length);
      if (b.getInt() != maskedCrc(all, dataAt, (int) length)) {
        throw new IllegalArgumentException(file + ": record " + record + " has a wrong data checksum");
      }
      try {
        out.add(Event.parseFrom(ByteBuffer.wrap(all, dataAt, (int) length)));
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new IllegalArgumentException(file + ": record " + record + " is not an Event proto: " + e.getMessage(), e);
      }
      record++;
    }
    return out;
  }

  /** The scalars (simple values) of the event files in {@code dir}, in file then record order. */
  public static List<Scalar> scalars(Path dir) {
    List<Scalar> out = new ArrayList<>();
    for (Path f : files(dir)) {
      for (Event e : read(f)) {
        for (var v : e.getSummary().getValueList()) {
          if (v.hasSimpleValue() || v.getValueCase() == org.tensorflow.proto.Summary.Value.ValueCase.SIMPLE_VALUE) {
            out.add(new Scalar(v.getTag(), e.getStep(), v.getSimpleValue()));
          }
        }
      }
    }
    return out;
  }

  /** The event files ({@code events.out.tfevents.*}) of {@code dir}, sorted by name. */
  public static List<Path> files(Path dir) {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
