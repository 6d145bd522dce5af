package dev.vaelab.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** The Spark session of a vaelab command: a local one for {@code --master local[N]}, or the one spark-submit configured. */
public final class SparkContexts {
  private SparkContexts() {}

  /**
   * Gets or creates the session.
   *
   * @param master {@code local[N]}, a cluster URL, or null to take {@code spark.master} from spark-submit
   *     (local[*] when nothing set it)
   */
  public static SparkSession session(String master, String app) {
    SparkConf conf = new SparkConf().setAppName(app);
    if (master != null) {
      if (master.isBlank()) {
        throw new IllegalArgumentException("--master must be local[N], local[*] or a cluster URL, got an empty string");
      }
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    if (conf.get("spark.master").startsWith("local")) {
      // a laptop or CI machine: no web UI, the loopback address whatever the host name resolves to
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /** A session for one command: stopped at the end only if the command started it (not in a notebook or a test JVM's shared one). */
  public record Use(SparkSession session, boolean owned) implements AutoCloseable {
    @Override
    public void close() {
      if (owned) {
        session.stop();
      }
    }
  }

  /** The session a command runs in (see {@link #session}); closing it stops a session it started. */
  public static Use use(String master, String app) {
    boolean existed = SparkSession.getDefaultSession().isDefined() || SparkSession.getActiveSession().isDefined();
    return new Use(session(master, app), !existed);
  }

  /** The Java context of a session. */
  public static JavaSparkContext java(SparkSession session) {
    return JavaSparkContext.fromSparkContext(session.sparkContext());
  }
}
