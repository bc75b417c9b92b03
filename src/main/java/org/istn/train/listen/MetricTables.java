package org.istn.train.listen;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.istn.train.event.EpochSummary;
import org.istn.train.event.SubjectExplanation;
import org.istn.train.event.Validation;

/**
 * The three metric tables of a run as Spark rows, and back. Fixed columns have fixed names; each
 * loss, metric and figure gets a double column of its own name (null where a row lacks it), so
 * names must not collide with the fixed columns or with each other, ignoring case as Spark does.
 */
final class MetricTables {

    static final String RUN_ID = "run_id";
    static final String EPOCH = "epoch";
    static final String CONFIG_HASH = "config_hash";
    static final String SAMPLES = "samples";
    static final String SECONDS = "seconds";
    static final String SAMPLES_PER_SECOND = "samples_per_second";
    static final String AVERAGING_SECONDS = "averaging_seconds";
    static final String SELECTION_METRIC = "selection_metric";
    static final String IMPROVED = "improved";
    static final String SUBJECT_ID = "subject_id";
    static final String DIRECTION = "direction";

    private MetricTables() {}

    /** A table: its schema and rows. */
    record Table(String name, StructType schema, List<Row> rows) {}

    /** An event with the configuration hash of the run that produced it. */
    record Stamped<T>(T event, String configHash) {}

    /** One subject's figures at one validation. */
    record ExplainRow(int epoch, SubjectExplanation subject, String configHash) {}

    static Table epochs(String runId, List<String> lossOrder, Collection<Stamped<EpochSummary>> rows) {
        Set<String> names = new TreeSet<>();
        rows.forEach(r -> names.addAll(r.event().losses().keySet()));
        List<String> losses = LossOrder.of(lossOrder, names);
        List<StructField> fields = new ArrayList<>();
        fields.add(field(RUN_ID, DataTypes.StringType, false));
        fields.add(field(EPOCH, DataTypes.IntegerType, false));
        losses.forEach(n -> fields.add(field(n, DataTypes.DoubleType, true)));
        fields.add(field(SAMPLES, DataTypes.LongType, false));
        fields.add(field(SECONDS, DataTypes.DoubleType, false));
        fields.add(field(SAMPLES_PER_SECOND, DataTypes.DoubleType, false));
        fields.add(field(AVERAGING_SECONDS, DataTypes.DoubleType, false));
        fields.add(field(CONFIG_HASH, DataTypes.StringType, true));
        List<Row> out = new ArrayList<>();
        for (Stamped<EpochSummary> s : rows) {
            EpochSummary e = s.event();
            List<Object> v = new ArrayList<>();
            v.add(runId);
            v.add(e.epoch());
            losses.forEach(n -> v.add(e.losses().get(n)));
            v.add(e.samples());
            v.add(e.seconds());
            v.add(e.samplesPerSecond());
            v.add(e.averagingSeconds());
            v.add(s.configHash());
            out.add(RowFactory.create(v.toArray()));
        }
        return table(MetricsRecorder.EPOCHS, fields, out, "loss");
    }

    static Table validation(String runId, Collection<Stamped<Validation>> rows) {
        Set<String> metrics = new TreeSet<>();
        rows.forEach(r -> metrics.addAll(r.event().metrics().keySet()));
        List<StructField> fields = new ArrayList<>();
        fields.add(field(RUN_ID, DataTypes.StringType, false));
        fields.add(field(EPOCH, DataTypes.IntegerType, false));
        metrics.forEach(n -> fields.add(field(n, DataTypes.DoubleType, true)));
        fields.add(field(SELECTION_METRIC, DataTypes.StringType, true));
        fields.add(field(IMPROVED, DataTypes.BooleanType, false));
        fields.add(field(CONFIG_HASH, DataTypes.StringType, true));
        List<Row> out = new ArrayList<>();
        for (Stamped<Validation> s : rows) {
            Validation val = s.event();
            List<Object> v = new ArrayList<>();
            v.add(runId);
            v.add(val.epoch());
            metrics.forEach(n -> v.add(val.metrics().get(n)));
            v.add(val.selectionMetric());
            v.add(val.improved());
            v.add(s.configHash());
            out.add(RowFactory.create(v.toArray()));
        }
        return table(MetricsRecorder.VALIDATION, fields, out, "metric");
    }

    static Table explain(String runId, Collection<ExplainRow> rows) {
        Set<String> figures = new TreeSet<>();
        rows.forEach(r -> figures.addAll(r.subject().values().keySet()));
        List<StructField> fields = new ArrayList<>();
        fields.add(field(RUN_ID, DataTypes.StringType, false));
        fields.add(field(EPOCH, DataTypes.IntegerType, false));
        fields.add(field(SUBJECT_ID, DataTypes.StringType, false));
        fields.add(field(DIRECTION, DataTypes.StringType, true));
        figures.forEach(n -> fields.add(field(n, DataTypes.DoubleType, true)));
        fields.add(field(CONFIG_HASH, DataTypes.StringType, true));
        List<Row> out = new ArrayList<>();
        for (ExplainRow r : rows) {
            List<Object> v = new ArrayList<>();
            v.add(runId);
            v.add(r.epoch());
            v.add(r.subject().id());
            v.add(r.subject().direction());
            figures.forEach(n -> v.add(r.subject().values().get(n)));
            v.add(r.configHash());
            out.add(RowFactory.create(v.toArray()));
        }
        return table(MetricsRecorder.EXPLAIN, fields, out, "figure");
    }

    /** Epoch rows read back from {@code epochs.parquet}: every column not fixed is a loss. */
    static List<Stamped<EpochSummary>> readEpochs(List<Row> rows) {
        Set<String> fixed = Set.of(RUN_ID, EPOCH, SAMPLES, SECONDS, SAMPLES_PER_SECOND, AVERAGING_SECONDS,
                CONFIG_HASH);
        List<Stamped<EpochSummary>> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new Stamped<>(new EpochSummary(r.getAs(EPOCH), doubles(r, fixed), number(r, SAMPLES).longValue(),
                    number(r, SECONDS).doubleValue(), number(r, SAMPLES_PER_SECOND).doubleValue(),
                    number(r, AVERAGING_SECONDS).doubleValue()), text(r, CONFIG_HASH)));
        }
        return out;
    }

    /** Validation rows read back from {@code validation.parquet} (without samples or figures). */
    static List<Stamped<Validation>> readValidation(List<Row> rows) {
        Set<String> fixed = Set.of(RUN_ID, EPOCH, SELECTION_METRIC, IMPROVED, CONFIG_HASH);
        List<Stamped<Validation>> out = new ArrayList<>();
        for (Row r : rows) {
            boolean improved = Boolean.TRUE.equals(r.getAs(IMPROVED));
            out.add(new Stamped<>(new Validation(r.getAs(EPOCH), doubles(r, fixed), text(r, SELECTION_METRIC),
                    improved, List.of(), List.of()), text(r, CONFIG_HASH)));
        }
        return out;
    }

    /** Figure rows read back from {@code explain.parquet}. */
    static List<ExplainRow> readExplain(List<Row> rows) {
        Set<String> fixed = Set.of(RUN_ID, EPOCH, SUBJECT_ID, DIRECTION, CONFIG_HASH);
        List<ExplainRow> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new ExplainRow(r.getAs(EPOCH), new SubjectExplanation(r.getAs(SUBJECT_ID), text(r, DIRECTION),
                    doubles(r, fixed)), text(r, CONFIG_HASH)));
        }
        return out;
    }

    private static Table table(String name, List<StructField> fields, List<Row> rows, String what) {
        Map<String, String> seen = new HashMap<>();
        for (StructField f : fields) {
            String previous = seen.put(f.name().toLowerCase(Locale.ROOT), f.name());
            if (previous != null) {
                throw new IllegalArgumentException(name + ": " + what + " '" + f.name() + "' gives a column whose name"
                        + " is already taken by '" + previous + "' (Spark compares column names ignoring case);"
                        + " columns: " + fields.stream().map(StructField::name).toList() + "; rename the " + what);
            }
        }
        return new Table(name, DataTypes.createStructType(fields), rows);
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }

    private static Map<String, Double> doubles(Row r, Set<String> fixed) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (StructField f : r.schema().fields()) {
            Object v = r.getAs(f.name());
            if (!fixed.contains(f.name()) && v instanceof Number n) {
                out.put(f.name(), n.doubleValue());
            }
        }
        return out;
    }

    private static Number number(Row r, String column) {
        Object v = r.getAs(column);
        if (v instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("metrics row of epoch " + r.getAs(EPOCH) + ": column " + column
                + " holds " + v + "; expected a number");
    }

    private static String text(Row r, String column) {
        if (r.schema().getFieldIndex(column).isEmpty()) {
            return null;
        }
        Object v = r.getAs(column);
        return v == null ? null : v.toString();
    }
}
