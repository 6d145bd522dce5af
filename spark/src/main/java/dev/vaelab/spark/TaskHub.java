package dev.vaelab.spark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.spark.BarrierTaskContext;

/**
 * The exchange between the tasks of one barrier stage: task 0 is a hub the others connect to over TCP.
 * Its address is published once with {@code BarrierTaskContext.allGather}; every later exchange goes
 * through the sockets, because Spark's {@code allGather} waits in steps of one second (measured here:
 * 1.00 s per call, whatever the message) — too slow for a gradient every step.
 *
 * <p>Each reduction is computed once, by the hub, in task order (0, 1, …, W − 1, in double
 * precision) and sent back to every task, so all tasks receive the same bits.
 */
final class TaskHub implements AutoCloseable {
  /** How long the hub waits for the other tasks to connect, and a task for any answer (ms). */
  static final int TIMEOUT_MS = 600_000;

  private final int task;
  private final int tasks;
  private final ServerSocket server;
  private final Socket[] peers;
  private final DataInputStream[] in;
  private final DataOutputStream[] out;

  private TaskHub(int task, int tasks, ServerSocket server, Socket[] peers) throws IOException {
    this.task = task;
    this.tasks = tasks;
    this.server = server;
    this.peers = peers;
    this.in = new DataInputStream[peers.length];
    this.out = new DataOutputStream[peers.length];
    for (int i = 0; i < peers.length; i++) {
      if (peers[i] != null) {
        peers[i].setSoTimeout(TIMEOUT_MS);
        peers[i].setTcpNoDelay(true);
        in[i] = new DataInputStream(new BufferedInputStream(peers[i].getInputStream(), 1 << 16));
        out[i] = new DataOutputStream(new BufferedOutputStream(peers[i].getOutputStream(), 1 << 16));
      }
    }
  }

  /** Connects the tasks of the current barrier stage (every task calls this once, at the same point). */
  static TaskHub connect(BarrierTaskContext ctx) {
    int task = ctx.partitionId();
    int tasks = ctx.getTaskInfos().length;
    try {
      ServerSocket server = null;
      String published = "";
      if (task == 0) {
        String host = ctx.getTaskInfos()[0].address().split(":")[0];
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(host), 0), tasks);
        server.setSoTimeout(TIMEOUT_MS);
        published = host + ":" + server.getLocalPort();
      }
      String hub = ctx.allGather(published)[0];
      Socket[] peers = new Socket[tasks];
      if (task == 0) {
        for (int i = 1; i < tasks; i++) {
          Socket s = server.accept();
          int who = new DataInputStream(s.getInputStream()).readInt();
          if (who < 1 || who >= tasks || peers[who] != null) {
            throw new IOException("task hub: unexpected greeting " + who);
          }
          peers[who] = s;
        }
      } else {
        String[] hp = hub.split(":");
        Socket s = new Socket();
        s.connect(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), TIMEOUT_MS);
        new DataOutputStream(s.getOutputStream()).writeInt(task);
        peers[0] = s;
      }
      return new TaskHub(task, tasks, server, peers);
    } catch (IOException e) {
      throw new UncheckedIOException("the tasks of the data-parallel stage cannot connect: " + e.getMessage(), e);
    }
  }

  /**
   * Σ_w c_w v_w / Σ_w c_w over the tasks (weights c_w ≥ 0, not all 0; a task with weight 0 may pass
   * null), the same result on every task.
   */
  float[] weightedMean(float[] v, double weight, int size) {
    try {
      if (task != 0) {
        send(out[0], v, weight, size);
        return receive(in[0]);
      }
      float[][] values = new float[tasks][];
      double[] weights = new double[tasks];
      for (int w = 0; w < tasks; w++) {
        weights[w] = w == 0 ? weight : in[w].readDouble();
        values[w] = w == 0 ? v : weights[w] > 0 ? receive(in[w]) : null;
      }
      float[] mean = weightedMean(values, weights, size);
      for (int w = 1; w < tasks; w++) {
        write(out[w], mean);
        out[w].flush();
      }
      return mean;
    } catch (IOException e) {
      throw new UncheckedIOException("data-parallel exchange failed: " + e.getMessage(), e);
    }
  }

  /**
   * Σ_w c_w v_w / Σ_w c_w in task order, in double precision, rounded once to float (vectors of weight 0
   * are skipped and may be null).
   */
  static float[] weightedMean(float[][] values, double[] weights, int size) {
    double[] acc = new double[size];
    double total = 0;
    for (int w = 0; w < values.length; w++) {
      double c = weights[w];
      if (c < 0 || !Double.isFinite(c)) {
        throw new IllegalArgumentException("task " + w + " sent the weight " + c + "; expected a finite number >= 0");
      }
      if (c == 0) {
        continue;
      }
      if (values[w].length != size) {
        throw new IllegalArgumentException("task " + w + " sent " + values[w].length + " values, expected " + size);
      }
      for (int j = 0; j < size; j++) {
        acc[j] += c * values[w][j];
      }
      total += c;
    }
    if (!(total > 0)) {
      throw new IllegalStateException("no task had rows in this step");
    }
    float[] mean = new float[size];
    for (int j = 0; j < size; j++) {
      mean[j] = (float) (acc[j] / total);
    }
    return mean;
  }

  /** Task 0's vector, on every task. */
  float[] fromFirst(float[] v) {
    try {
      if (task != 0) {
        return receive(in[0]);
      }
      for (int w = 1; w < tasks; w++) {
        write(out[w], v);
        out[w].flush();
      }
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException("data-parallel exchange failed: " + e.getMessage(), e);
    }
  }

  /** Element-wise sums over the tasks of small double vectors (loss sums, row counts). */
  double[] sum(double[] v) {
    try {
      if (task != 0) {
        out[0].writeInt(v.length);
        for (double x : v) {
          out[0].writeDouble(x);
        }
        out[0].flush();
        double[] r = new double[in[0].readInt()];
        for (int j = 0; j < r.length; j++) {
          r[j] = in[0].readDouble();
        }
        return r;
      }
      double[] acc = v.clone();
      for (int w = 1; w < tasks; w++) {
        int n = in[w].readInt();
        for (int j = 0; j < n; j++) {
          acc[j] += in[w].readDouble();
        }
      }
      for (int w = 1; w < tasks; w++) {
        out[w].writeInt(acc.length);
        for (double x : acc) {
          out[w].writeDouble(x);
        }
        out[w].flush();
      }
      return acc;
    } catch (IOException e) {
      throw new UncheckedIOException("data-parallel exchange failed: " + e.getMessage(), e);
    }
  }

  private static void send(DataOutputStream o, float[] v, double weight, int size) throws IOException {
    o.writeDouble(weight);
    if (weight > 0) {
      write(o, v);
    }
    o.flush();
  }

  private static void write(DataOutputStream o, float[] v) throws IOException {
    o.writeInt(v.length);
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.BIG_ENDIAN);
    b.asFloatBuffer().put(v);
    o.write(b.array());
  }

  private static float[] receive(DataInputStream i) throws IOException {
    int n = i.readInt();
    byte[] bytes = new byte[n * 4];
    i.readFully(bytes);
    float[] v = new float[n];
    ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(v);
    return v;
  }

  @Override
  public void close() {
    for (Socket s : peers) {
      if (s != null) {
        try {
          s.close();
        } catch (IOException e) {
          // closing
        }
      }
    }
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        // closing
      }
    }
  }
}
