package org.istn.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the Spark session of a job. Without a master (no {@code --master}, no
 * {@code spark.master} from {@code spark-submit}) the job runs on an embedded local Spark,
 * {@code local[*]}. Kryo serialization is on, with ND4J's registrator.
 */
public final class SparkSessions {

    private SparkSessions() {}

    /**
     * @param appName the application name shown in the Spark UI
     * @param master a master URL, or null/blank to keep what spark-submit set (else local[*])
     */
    public static SparkSession getOrCreate(String appName, String master) {
        SparkConf conf = new SparkConf();
        if (master != null && !master.isBlank()) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        conf.setAppName(appName);
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrator", IstnKryoRegistrator.class.getName());
        conf.setIfMissing("spark.kryoserializer.buffer.max", "512m");
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
