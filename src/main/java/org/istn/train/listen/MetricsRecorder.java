package org.istn.train.listen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.istn.io.png.PngImages;
import org.istn.train.TrainingListener;
import org.istn.train.event.EpochSummary;
import org.istn.train.event.RunStart;
import org.istn.train.event.SubjectExplanation;
import org.istn.train.event.Validation;
import org.istn.train.listen.MetricTables.ExplainRow;
import org.istn.train.listen.MetricTables.Stamped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every epoch summary and validation of a run and, after each, rewrites the run's metric
 * tables and plots (docs/run-outputs.md lists the columns):
 * <ul>
 *   <li>{@code <runDir>/metrics/epochs.parquet}: one row per epoch (losses, samples, time);</li>
 *   <li>{@code <runDir>/metrics/validation.parquet}: one row per validation (metrics, improved);</li>
 *   <li>{@code <runDir>/metrics/explain.parquet}: one row per validation subject and direction
 *       with the transformers' figures (written once there are any);</li>
 *   <li>{@code <runDir>/plots/losses.png} and {@code <runDir>/plots/validation.png}.</li>
 * </ul>
 * Each table is one Parquet file written through the run's Spark session and swapped in whole
 * ({@link ParquetFolders}); each plot is written atomically. A resumed run
 * ({@link RunStart#firstEpoch()} &gt; 1) first reads back the rows of earlier epochs from the run
 * folder, so the tables and curves stay complete, and drops rows of the epochs it will redo.
 * Runs on the driver; the run's events are held in memory (a few hundred small rows).
 */
public final class MetricsRecorder implements TrainingListener {

    /** Folder names under the run folder. */
    public static final String METRICS = "metrics";
    public static final String PLOTS = "plots";
    /** Table folder names under {@link #METRICS}. */
    public static final String EPOCHS = "epochs.parquet";
    public static final String VALIDATION = "validation.parquet";
    public static final String EXPLAIN = "explain.parquet";
    /** Plot file names under {@link #PLOTS}. */
    public static final String LOSSES_PNG = "losses.png";
    public static final String VALIDATION_PNG = "validation.png";

    private static final Logger LOG = LoggerFactory.getLogger(MetricsRecorder.class);

    private RunStart run;
    private Configuration conf;
    private final TreeMap<Integer, Stamped<EpochSummary>> epochs = new TreeMap<>();
    private final TreeMap<Integer, Stamped<Validation>> validations = new TreeMap<>();
    private final TreeMap<Integer, List<ExplainRow>> explain = new TreeMap<>();

    @Override
    public void onStart(RunStart start) throws IOException {
        if (start.spark() == null) {
            throw new IllegalStateException("MetricsRecorder writes Parquet through the run's Spark session, but run "
                    + start.runId() + " started without one (RunStart.spark is null)");
        }
        run = start;
        conf = start.spark().sparkContext().hadoopConfiguration();
        epochs.clear();
        validations.clear();
        explain.clear();
        for (String table : List.of(EPOCHS, VALIDATION, EXPLAIN)) {
            ParquetFolders.recover(conf, table(table));
        }
        if (start.firstEpoch() > 1) {
            readEarlier(start);
        }
        // the files now hold exactly the rows kept: none from a run that used this folder before, and
        // none of the epochs a resumed run will redo
        writeEpochs();
        writeValidation();
    }

    private void readEarlier(RunStart start) throws IOException {
        SparkSession spark = start.spark();
        int first = start.firstEpoch();
        for (Stamped<EpochSummary> e : MetricTables.readEpochs(
                ParquetFolders.readBefore(spark, conf, table(EPOCHS), first))) {
            epochs.put(e.event().epoch(), e);
        }
        for (Stamped<Validation> v : MetricTables.readValidation(
                ParquetFolders.readBefore(spark, conf, table(VALIDATION), first))) {
            validations.put(v.event().epoch(), v);
        }
        for (ExplainRow r : MetricTables.readExplain(ParquetFolders.readBefore(spark, conf, table(EXPLAIN), first))) {
            explain.computeIfAbsent(r.epoch(), k -> new ArrayList<>()).add(r);
        }
        LOG.info("run {} resumes at epoch {}: kept {} epoch rows, {} validation rows and {} subject rows of"
                + " earlier epochs from {}", start.runId(), first, epochs.size(), validations.size(),
                explain.values().stream().mapToInt(List::size).sum(), dir(METRICS));
    }

    @Override
    public void onEpoch(EpochSummary epoch) throws IOException {
        requireStarted();
        epochs.put(epoch.epoch(), new Stamped<>(epoch, run.configHash()));
        writeEpochs();
    }

    @Override
    public void onValidation(Validation v) throws IOException {
        requireStarted();
        // without the images: only the figures are kept for the tables
        Validation kept = new Validation(v.epoch(), v.metrics(), v.selectionMetric(), v.improved(), List.of(),
                List.of());
        validations.put(v.epoch(), new Stamped<>(kept, run.configHash()));
        List<ExplainRow> rows = new ArrayList<>();
        for (SubjectExplanation s : v.explain()) {
            rows.add(new ExplainRow(v.epoch(), s, run.configHash()));
        }
        if (rows.isEmpty()) {
            explain.remove(v.epoch());
        } else {
            explain.put(v.epoch(), rows);
        }
        writeValidation();
    }

    private void writeEpochs() throws IOException {
        ParquetFolders.replace(run.spark(), conf, table(EPOCHS),
                MetricTables.epochs(run.runId(), run.lossNames(), epochs.values()));
        if (!epochs.isEmpty()) {
            PngImages.write(MetricPlots.losses(run.runId(), run.lossNames(),
                    epochs.values().stream().map(Stamped::event).toList()), plot(LOSSES_PNG), conf);
        }
    }

    private void writeValidation() throws IOException {
        ParquetFolders.replace(run.spark(), conf, table(VALIDATION),
                MetricTables.validation(run.runId(), validations.values()));
        ParquetFolders.replace(run.spark(), conf, table(EXPLAIN), MetricTables.explain(run.runId(),
                explain.values().stream().flatMap(List::stream).toList()));
        if (!validations.isEmpty()) {
            PngImages.write(MetricPlots.validation(run.runId(),
                    validations.values().stream().map(Stamped::event).toList()), plot(VALIDATION_PNG), conf);
        }
    }

    private void requireStarted() {
        if (run == null) {
            throw new IllegalStateException("MetricsRecorder got an event before onStart");
        }
    }

    private String dir(String name) {
        return new Path(run.runDir(), name).toString();
    }

    private String table(String name) {
        return new Path(dir(METRICS), name).toString();
    }

    private String plot(String name) {
        return new Path(dir(PLOTS), name).toString();
    }
}
