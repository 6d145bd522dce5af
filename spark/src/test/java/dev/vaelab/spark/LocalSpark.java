package dev.vaelab.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** One local[2] Spark session for every test class of the module (started once per test JVM). */
public final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  /** The shared local[2] session. */
  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkContexts.session("local[2]", "vaelab-tests");
      session.sparkContext().setLogLevel("WARN");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> session.stop()));
    }
    return session;
  }

  /** Its Java context. */
  public static JavaSparkContext context() {
    return SparkContexts.java(session());
  }
}
