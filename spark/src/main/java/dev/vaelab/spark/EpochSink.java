package dev.vaelab.spark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * The driver's end of data-parallel training's epoch stream: a socket the first task connects to and
 * sends, after every epoch, the epoch's numbers and the training state — so the driver writes a
 * checkpoint of every epoch while the job runs (a killed job leaves the last one, and {@code vaelab
 * train --resume} continues from it) without changing what the tasks compute. Executors reach the
 * driver in every Spark deployment, so this needs no shared file system.
 */
final class EpochSink implements AutoCloseable {
  private final ServerSocket server;
  private final Thread reader;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile int received;
  private volatile Socket accepted;

  /** Opens the socket on {@code host} and reads in a background thread, handing each epoch to {@code onEpoch} in order. */
  EpochSink(String host, BiConsumer<SparkDataParallel.Epoch, float[]> onEpoch) {
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the epoch stream on " + host + ": " + e.getMessage(), e);
    }
    reader = new Thread(() -> {
      try (Socket s = accept(); DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16))) {
        while (true) {
          int epoch;
          try {
            epoch = in.readInt();
          } catch (EOFException end) {
            return;
          }
          SparkDataParallel.Epoch e = new SparkDataParallel.Epoch(epoch, in.readLong(), in.readDouble(), in.readDouble(), in.readDouble(),
              in.readDouble(), in.readLong());
          float[] state = new float[in.readInt()];
          for (int i = 0; i < state.length; i++) {
            state[i] = in.readFloat();
          }
          onEpoch.accept(e, state);
          received++;
        }
      } catch (IOException | RuntimeException e) {
        if (!server.isClosed()) {
          failure.set(e);
        }
      }
    }, "vaelab-epoch-sink");
    reader.setDaemon(true);
    reader.start();
  }

  private Socket accept() throws IOException {
    accepted = server.accept();
    return accepted;
  }

  /** Where the first task sends its epochs ({@code host:port}). */
  String address() {
    return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
  }

  /** Epochs handled so far. */
  int received() {
    return received;
  }

  /** Waits until the sender has closed its end and every epoch sent is handled; rethrows what went wrong in handling one. */
  void finish() {
    try {
      reader.join(TaskHub.TIMEOUT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Throwable t = failure.get();
    if (t != null) {
      throw new IllegalStateException("writing an epoch's checkpoint failed: " + t.getMessage(), t);
    }
  }

  /** Stops reading (a job that failed or was cancelled) and waits for an epoch being written to finish. */
  @Override
  public void close() {
    try {
      server.close();
      Socket s = accepted;
      if (s != null) {
        s.close();
      }
    } catch (IOException e) {
      // closing: nothing left to do
    }
    try {
      reader.join(TaskHub.TIMEOUT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The sending end, in the first task. */
  static final class Sender implements AutoCloseable {
    private final Socket socket;
    private final DataOutputStream out;

    Sender(String address) {
      int colon = address.lastIndexOf(':');
      try {
        socket = new Socket(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot reach the driver's epoch stream at " + address + ": " + e.getMessage(), e);
      }
    }

    /** Sends one epoch and the training state after it. */
    void send(SparkDataParallel.Epoch e, float[] state) {
      try {
        out.writeInt(e.epoch());
        out.writeLong(e.steps());
        out.writeDouble(e.loss());
        out.writeDouble(e.rate());
        out.writeDouble(e.distortion());
        out.writeDouble(e.seconds());
        out.writeLong(e.rows());
        out.writeInt(state.length);
        for (float v : state) {
          out.writeFloat(v);
        }
        out.flush();
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot send epoch " + e.epoch() + " to the driver: " + ex.getMessage(), ex);
      }
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing: nothing left to do
      }
    }
  }
}
