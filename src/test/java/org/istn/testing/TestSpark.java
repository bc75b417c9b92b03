package org.istn.testing;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.istn.spark.SparkSessions;

/**
 * The one {@code local[2]} Spark session of an integration-test JVM (UI off), made the way the
 * jobs make theirs. Starting Spark costs ~10 s, so test classes share it and never stop it.
 */
public final class TestSpark {
    private static SparkSession session;

    private TestSpark() {}

    public static synchronized SparkSession session() {
        if (session == null) {
            System.setProperty("spark.ui.enabled", "false");
            System.setProperty("spark.sql.shuffle.partitions", "4");
            session = SparkSessions.getOrCreate("istn-tests", "local[2]");
        }
        return session;
    }

    public static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }
}
