package org.istn.spark;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.istn.nn.TransformExplainer;

/**
 * The Parquet tables of {@code istn infer}: per-subject predictions and one summary row per run,
 * each partitioned by {@code run_id} ({@code <table>/run_id=<run>/part-*.parquet}).
 *
 * <p>Writing a run replaces only its own partition: Spark's dynamic partition overwrite, set as
 * an option of this write alone. Spark's commit protocol then writes every task's files under a
 * staging folder ({@code <table>/.spark-staging-<job id>}) and only on job commit deletes the
 * run's old partition folder and renames the new one into place; a job that fails leaves the old
 * partition as it was and its staging folder is removed. Readers thus see the old partition or
 * the new one, never a half-written one (on filesystems with atomic folder rename: HDFS, local;
 * an object store such as S3 renames by copying, so a reader there may briefly see a partial
 * partition). Timestamps are written as Parquet {@code TIMESTAMP_MICROS} (UTC), which pandas,
 * pyarrow and DuckDB read as timestamps.
 */
public final class InferenceTables {

    /** Partition column of both tables. */
    public static final String RUN_ID = "run_id";

    private InferenceTables() {}

    private static final List<StructField> RUN_COLUMNS = List.of(
            field(RUN_ID, DataTypes.StringType, false),
            field("time", DataTypes.TimestampType, false),
            field("model", DataTypes.StringType, false),
            field("model_config_hash", DataTypes.StringType, true),
            field("itn", DataTypes.StringType, true),
            field("stn", DataTypes.StringType, true),
            field("site", DataTypes.StringType, false),
            field("test_set", DataTypes.StringType, false),
            field("config_hash", DataTypes.StringType, false),
            field("app_version", DataTypes.StringType, false),
            field("task_kind", DataTypes.StringType, false));

    /** The per-subject table. */
    public static StructType predictionSchema() {
        List<StructField> f = new ArrayList<>(RUN_COLUMNS);
        f.add(field("subject", DataTypes.StringType, false));
        f.add(field("line", DataTypes.IntegerType, false));
        f.add(field("label", DataTypes.DoubleType, true));
        f.add(field("prediction", DataTypes.DoubleType, false));
        f.add(field("probability", DataTypes.DoubleType, true));
        f.add(field("probabilities", DataTypes.createArrayType(DataTypes.DoubleType, false), true));
        f.add(field("error", DataTypes.DoubleType, true));
        for (String name : TransformExplainer.ALL_NAMES) {
            f.add(field(name, DataTypes.DoubleType, true));
        }
        return new StructType(f.toArray(StructField[]::new));
    }

    /** Metric columns of the summary, besides {@code threshold_accuracy}. */
    public static final List<String> METRICS = List.of("accuracy", "balanced_accuracy", "auc", "mae", "rmse", "r2");

    /** The per-run table. */
    public static StructType summarySchema() {
        List<StructField> f = new ArrayList<>(RUN_COLUMNS);
        f.add(field("n", DataTypes.LongType, false));
        f.add(field("n_labelled", DataTypes.LongType, false));
        for (String m : METRICS) {
            f.add(field(m, DataTypes.DoubleType, true));
        }
        StructType threshold = new StructType(new StructField[] {
            field("threshold", DataTypes.DoubleType, false), field("accuracy", DataTypes.DoubleType, true)});
        f.add(field("threshold_accuracy", DataTypes.createArrayType(threshold, false), true));
        return new StructType(f.toArray(StructField[]::new));
    }

    /** One row of the per-subject table. */
    public static Row predictionRow(InferenceRun run, SubjectPrediction p) {
        List<Object> v = runValues(run);
        v.add(p.id());
        v.add(p.line());
        v.add(orNull(p.label()));
        v.add(p.prediction());
        v.add(orNull(p.probability()));
        v.add(p.probabilities() == null ? null : p.probabilities().clone());
        v.add(orNull(p.error()));
        for (double e : p.explanation()) {
            v.add(orNull(e));
        }
        return RowFactory.create(v.toArray());
    }

    /**
     * The summary row of a run.
     *
     * @param metrics {@link org.istn.eval.TaskMetrics} names and values (empty without labels)
     * @param thresholds the threshold levels; their accuracies are the {@code acc_at_*} entries
     */
    public static Row summaryRow(InferenceRun run, long n, long labelled, Map<String, Double> metrics,
            List<Double> thresholds) {
        List<Object> v = runValues(run);
        v.add(n);
        v.add(labelled);
        for (String m : METRICS) {
            Double x = metrics.get(m);
            v.add(x == null ? null : orNull(x));
        }
        if (metrics.containsKey("mae")) {
            List<Row> t = new ArrayList<>();
            for (double th : thresholds) {
                t.add(RowFactory.create(th, orNull(metrics.get(org.istn.eval.TaskMetrics.thresholdName(th)))));
            }
            v.add(t.toArray(Row[]::new));
        } else {
            v.add(null);
        }
        return RowFactory.create(v.toArray());
    }

    /** Writes the predictions of one run into {@code table}, replacing that run's partition only. */
    public static void writePredictions(SparkSession spark, JavaRDD<SubjectPrediction> predictions, InferenceRun run,
            String table, long count) {
        JavaRDD<Row> rows = predictions.map(p -> predictionRow(run, p));
        int files = (int) Math.max(1, (count + 499_999) / 500_000);
        write(spark.createDataFrame(rows, predictionSchema()).coalesce(files).sortWithinPartitions("line"), table);
    }

    /** Writes the summary row of one run into {@code table}, replacing that run's partition only. */
    public static void writeSummary(SparkSession spark, Row summary, String table) {
        write(spark.createDataFrame(List.of(summary), summarySchema()).coalesce(1), table);
    }

    /**
     * Writes {@code df} (which has a {@value #RUN_ID} column) as Parquet partitioned by run id,
     * overwriting only the partitions present in {@code df}.
     */
    public static void write(Dataset<Row> df, String table) {
        SparkSession spark = df.sparkSession();
        String key = "spark.sql.parquet.outputTimestampType";
        String before = spark.conf().contains(key) ? spark.conf().get(key) : null;
        spark.conf().set(key, "TIMESTAMP_MICROS");
        java.util.Set<String> stagingBefore = stagingFolders(spark, table);
        try {
            df.write().mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic").partitionBy(RUN_ID)
                    .parquet(table);
        } catch (RuntimeException e) {
            // Spark deletes its staging folder when the job aborts, but a task of the same job that
            // was still running may recreate part of it afterwards: wait for the job's tasks to stop,
            // then remove the staging folders this write created (never another writer's)
            removeNewStaging(spark, table, stagingBefore);
            throw e;
        } finally {
            if (before == null) {
                spark.conf().unset(key);
            } else {
                spark.conf().set(key, before);
            }
        }
    }

    private static java.util.Set<String> stagingFolders(SparkSession spark, String table) {
        java.util.Set<String> names = new java.util.HashSet<>();
        try {
            org.apache.hadoop.fs.Path t = new org.apache.hadoop.fs.Path(table);
            org.apache.hadoop.fs.FileSystem fs = t.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(t)) {
                for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(t)) {
                    if (st.getPath().getName().startsWith(".spark-staging-")) {
                        names.add(st.getPath().getName());
                    }
                }
            }
        } catch (java.io.IOException e) {
            // listing is best effort: nothing is removed that was not seen
        }
        return names;
    }

    private static void removeNewStaging(SparkSession spark, String table, java.util.Set<String> before) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (spark.sparkContext().statusTracker().getActiveStageIds().length > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            org.apache.hadoop.fs.Path t = new org.apache.hadoop.fs.Path(table);
            org.apache.hadoop.fs.FileSystem fs = t.getFileSystem(spark.sparkContext().hadoopConfiguration());
            for (String name : stagingFolders(spark, table)) {
                if (!before.contains(name)) {
                    fs.delete(new org.apache.hadoop.fs.Path(t, name), true);
                }
            }
        } catch (java.io.IOException e) {
            // the write already failed; its error is the one to report
        }
    }

    private static List<Object> runValues(InferenceRun run) {
        List<Object> v = new ArrayList<>();
        v.add(run.runId());
        v.add(Timestamp.from(run.time()));
        v.add(run.model());
        v.add(run.modelConfigHash());
        v.add(run.itn());
        v.add(run.stn());
        v.add(run.site());
        v.add(run.testSet());
        v.add(run.configHash());
        v.add(run.appVersion());
        v.add(run.taskKind());
        return v;
    }

    private static Double orNull(double x) {
        return Double.isNaN(x) ? null : x;
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
