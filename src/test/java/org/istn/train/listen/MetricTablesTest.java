package org.istn.train.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.istn.train.event.EpochSummary;
import org.istn.train.event.Validation;
import org.istn.train.listen.MetricTables.Stamped;
import org.junit.jupiter.api.Test;

/** Table schemas without Spark: column order, and names that would collide in Spark. */
class MetricTablesTest {

    @Test
    void lossColumnsFollowTheRunsOrderThenTheOthersSorted() {
        MetricTables.Table t = MetricTables.epochs("r", List.of("loss_istn", "loss_d"), List.of(
                new Stamped<>(new EpochSummary(1, Map.of("loss_d", 1.0, "z", 2.0, "loss_istn", 3.0, "a", 4.0), 1, 1, 1,
                        0), "h")));
        assertEquals(List.of("run_id", "epoch", "loss_istn", "loss_d", "a", "z", "samples", "seconds",
                "samples_per_second", "averaging_seconds", "config_hash"), List.of(t.schema().fieldNames()));
        List<Object> cells = new ArrayList<>();
        for (int i = 0; i < t.rows().get(0).size(); i++) {
            cells.add(t.rows().get(0).get(i));
        }
        assertEquals(List.of("r", 1, 3.0, 1.0, 4.0, 2.0, 1L, 1.0, 1.0, 0.0, "h"), cells);
    }

    @Test
    void aLossNamedLikeAFixedColumnIsRejectedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricTables.epochs("r",
                List.of(), List.of(new Stamped<>(new EpochSummary(1, Map.of("Epoch", 1.0), 1, 1, 1, 0), "h"))));
        assertEquals("epochs.parquet: loss 'Epoch' gives a column whose name is already taken by 'epoch' (Spark"
                + " compares column names ignoring case); columns: [run_id, epoch, Epoch, samples, seconds,"
                + " samples_per_second, averaging_seconds, config_hash]; rename the loss", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MetricTables.validation("r", List.of(new Stamped<>(
                new Validation(1, Map.of("acc", 1.0, "ACC", 2.0), "acc", true, List.of(), List.of()), "h"))));
        assertEquals("validation.parquet: metric 'acc' gives a column whose name is already taken by 'ACC' (Spark"
                + " compares column names ignoring case); columns: [run_id, epoch, ACC, acc, selection_metric,"
                + " improved, config_hash]; rename the metric", e.getMessage());
    }
}
