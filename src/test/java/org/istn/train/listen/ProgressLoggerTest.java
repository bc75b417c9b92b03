package org.istn.train.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.istn.train.event.EpochSummary;
import org.istn.train.event.Progress;
import org.istn.train.event.RunEnd;
import org.istn.train.event.RunStart;
import org.istn.train.event.Validation;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The exact log lines and the human formats of numbers and durations. */
class ProgressLoggerTest {

    private final List<String> lines = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();
    private final ProgressLogger logger = new ProgressLogger((level, line) -> {
        levels.add(level);
        lines.add(line);
    });

    private static RunStart start(int firstEpoch) {
        return new RunStart("r1", "da-unidirectional", "hdfs://nn:8020/runs/r1", null, firstEpoch, 50, 400, 16, 4,
                List.of("loss_istn", "loss_d", "loss_task"), Map.of(), "abc123");
    }

    private static Map<String, Double> losses() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss_task", 1.25);
        m.put("loss_d", 0.41);
        m.put("loss_istn", 0.6931);
        return m;
    }

    @Test
    void startAndProgressLines() {
        logger.onStart(start(1));
        logger.onProgress(new Progress(3, 50, 120, 400, losses(), 35.24, Duration.ofSeconds(130),
                Duration.ofSeconds(845)));
        logger.onStart(start(6));
        assertEquals(List.of(
                "run r1 (da-unidirectional) started | folder hdfs://nn:8020/runs/r1 | epochs 1-50 | 400 steps/epoch"
                        + " | 4 workers | batch 16",
                "epoch 3/50 step 120/400 | loss_istn 0.693 loss_d 0.41 loss_task 1.25 | 35.2 samples/s"
                        + " | elapsed 2m10s | ETA 14m05s",
                "run r1 (da-unidirectional) resumed | folder hdfs://nn:8020/runs/r1 | epochs 6-50 | 400 steps/epoch"
                        + " | 4 workers | batch 16"), lines);
        assertEquals(List.of(Level.INFO, Level.INFO, Level.INFO), levels);
    }

    @Test
    void lossesOutsideTheRunsListFollowSortedAndUnknownEtaIsAQuestionMark() {
        logger.onStart(start(1));
        logger.onProgress(new Progress(1, 50, 1, 400, Map.of("zeta", 2.0, "loss_d", 0.5, "alpha", 3.0), 0.5,
                Duration.ofMillis(350), null));
        assertEquals("epoch 1/50 step 1/400 | loss_d 0.5 alpha 3 zeta 2 | 0.5 samples/s | elapsed 350ms | ETA ?",
                lines.get(1));
    }

    @Test
    void epochLineWithAveragingShare() {
        logger.onStart(start(1));
        // 4.1 s of 34.1 s = 12.02 %
        logger.onEpoch(new EpochSummary(3, losses(), 1200, 34.1, 35.19, 4.1));
        logger.onEpoch(new EpochSummary(4, Map.of(), 0, 0, 0, 0));
        logger.onEpoch(new EpochSummary(5, Map.of(), 100, 2, 50, Double.NaN)); // not measured (dl4j-spark)
        assertEquals("epoch 3/50 done | loss_istn 0.693 loss_d 0.41 loss_task 1.25 | 1200 samples in 34s"
                + " | 35.2 samples/s | averaging 12%", lines.get(1));
        assertEquals("epoch 4/50 done | 0 samples in 0s | 0 samples/s", lines.get(2));
        assertEquals("epoch 5/50 done | 100 samples in 2s | 50 samples/s", lines.get(3));
    }

    @Test
    void validationLinesMarkTheBest() {
        logger.onStart(start(1));
        logger.onValidation(new Validation(5, Map.of("mae_T", 3.21, "loss_val", 0.2314, "acc_S2T", 0.91),
                "loss_val", true, List.of(), List.of()));
        logger.onValidation(new Validation(10, Map.of("mae_T", 3.5, "loss_val", 0.25, "acc_S2T", 0.9),
                "loss_val", false, List.of(), List.of()));
        assertEquals("validation epoch 5/50 | loss_val 0.231 | acc_S2T 0.91 mae_T 3.21 | new best", lines.get(1));
        assertEquals("validation epoch 10/50 | loss_val 0.25 | acc_S2T 0.9 mae_T 3.5 | best still epoch 5 (0.231)",
                lines.get(2));
        // a resumed run does not know the earlier best
        logger.onStart(start(11));
        logger.onValidation(new Validation(15, Map.of("loss_val", 0.3), "loss_val", false, List.of(), List.of()));
        assertEquals("validation epoch 15/50 | loss_val 0.3 | no improvement", lines.get(4));
    }

    @Test
    void endLinesAndTheirLevels() {
        logger.onStart(start(1));
        logger.onEnd(new RunEnd(50, RunEnd.Reason.COMPLETED, OptionalInt.of(42), ""));
        logger.onEnd(new RunEnd(17, RunEnd.Reason.EARLY_STOPPED, OptionalInt.of(12),
                "no improvement for 5 validations"));
        logger.onEnd(new RunEnd(3, RunEnd.Reason.DIVERGED, OptionalInt.empty(), "loss_d is NaN at step 120"));
        logger.onEnd(new RunEnd(0, RunEnd.Reason.FAILED, OptionalInt.empty(), "executor lost "));
        assertEquals(List.of(
                "run r1 completed after epoch 50 | best epoch 42",
                "run r1 stopped early after epoch 17 | best epoch 12 | no improvement for 5 validations",
                "run r1 diverged after epoch 3 | loss_d is NaN at step 120",
                "run r1 failed before finishing an epoch | executor lost"), lines.subList(1, 5));
        assertEquals(List.of(Level.INFO, Level.INFO, Level.WARN, Level.ERROR), levels.subList(1, 5));
    }

    @Test
    void durations() {
        assertEquals("?", HumanFormat.duration(null));
        assertEquals("?", HumanFormat.duration(Duration.ofSeconds(-1)));
        assertEquals("0s", HumanFormat.duration(Duration.ZERO));
        assertEquals("1ms", HumanFormat.duration(Duration.ofNanos(10)));
        assertEquals("350ms", HumanFormat.duration(Duration.ofMillis(350)));
        assertEquals("1s", HumanFormat.duration(Duration.ofNanos(999_600_000)));
        assertEquals("16m40s", HumanFormat.duration(Duration.ofMillis(999_600)));
        assertEquals("42s", HumanFormat.duration(Duration.ofMillis(42_400)));
        assertEquals("1m00s", HumanFormat.duration(Duration.ofMillis(59_500)));
        assertEquals("2m10s", HumanFormat.duration(Duration.ofSeconds(130)));
        assertEquals("14m05s", HumanFormat.duration(Duration.ofSeconds(845)));
        assertEquals("59m59s", HumanFormat.duration(Duration.ofSeconds(3599)));
        assertEquals("1h00m", HumanFormat.duration(Duration.ofSeconds(3629)));
        assertEquals("1h01m", HumanFormat.duration(Duration.ofSeconds(3630)));
        assertEquals("23h59m", HumanFormat.duration(Duration.ofSeconds(86_369)));
        assertEquals("1d00h", HumanFormat.duration(Duration.ofSeconds(86_370)));
        assertEquals("2d03h", HumanFormat.duration(Duration.ofHours(51)));
        assertEquals("34s", HumanFormat.seconds(34.1));
        assertEquals("?", HumanFormat.seconds(Double.NaN));
        assertEquals("?", HumanFormat.seconds(Double.POSITIVE_INFINITY));
    }

    @Test
    void numbers() {
        assertEquals("0.693", HumanFormat.number(0.69314718));
        assertEquals("0.41", HumanFormat.number(0.41));
        assertEquals("35.2", HumanFormat.number(35.24));
        assertEquals("1230", HumanFormat.number(1234.5));
        assertEquals("-2", HumanFormat.number(-2.0));
        assertEquals("0", HumanFormat.number(0.0));
        assertEquals("0.001", HumanFormat.number(0.001));
        assertEquals("1.5e-05", HumanFormat.number(0.000015));
        assertEquals("1.23e+05", HumanFormat.number(123_456));
        assertEquals("nan", HumanFormat.number(Double.NaN));
        assertEquals("-inf", HumanFormat.number(Double.NEGATIVE_INFINITY));
    }
}
