package org.istn.train.listen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.istn.train.TrainingListener;
import org.istn.train.event.EpochSummary;
import org.istn.train.event.Progress;
import org.istn.train.event.RunEnd;
import org.istn.train.event.RunStart;
import org.istn.train.event.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Writes one log line per event (SLF4J, logger {@code org.istn.train.listen.ProgressLogger}):
 * <pre>
 * run r1 (da-unidirectional) started | folder hdfs://nn/runs/r1 | epochs 1-50 | 400 steps/epoch | 4 workers | batch 16
 * epoch 3/50 step 120/400 | loss_istn 0.693 loss_d 0.41 | 35.2 samples/s | elapsed 2m10s | ETA 14m05s
 * epoch 3/50 done | loss_istn 0.693 loss_d 0.41 | 1200 samples in 34s | 35.2 samples/s | averaging 12%
 * validation epoch 5/50 | loss_val 0.231 | acc_T 0.91 mae 3.2 | new best
 * run r1 stopped early after epoch 17 | best epoch 12 | no improvement for 5 validations
 * </pre>
 * Losses appear in the run's order ({@link RunStart#lossNames()}), then any others by name; the
 * validation line shows the selection metric first, then the others by name, then whether this
 * round set a new best. Numbers and durations follow {@link HumanFormat}. The end line is
 * logged at WARN when the run diverged and at ERROR when it failed, every other line at INFO.
 */
public final class ProgressLogger implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressLogger.class);

    private final BiConsumer<Level, String> sink;
    private String runId = "?";
    private int epochs;
    private List<String> lossNames = List.of();
    private int bestEpoch;
    private double bestValue = Double.NaN;

    /** Logs through SLF4J. */
    public ProgressLogger() {
        this((level, line) -> LOG.atLevel(level).log(line));
    }

    /** Sends each line, with its level, to {@code sink} (tests, other loggers). */
    public ProgressLogger(BiConsumer<Level, String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void onStart(RunStart run) {
        runId = run.runId();
        epochs = run.epochs();
        lossNames = run.lossNames();
        bestEpoch = 0;
        bestValue = Double.NaN;
        sink.accept(Level.INFO, String.format(Locale.ROOT, "run %s (%s) %s | folder %s | epochs %d-%d | %d steps/epoch"
                + " | %d workers | batch %d", run.runId(), run.job(), run.firstEpoch() > 1 ? "resumed" : "started",
                run.runDir(), run.firstEpoch(), run.epochs(), run.stepsPerEpoch(), run.workers(), run.batchSize()));
    }

    @Override
    public void onProgress(Progress p) {
        StringBuilder line = new StringBuilder()
                .append("epoch ").append(p.epoch()).append('/').append(p.epochs())
                .append(" step ").append(p.step()).append('/').append(p.stepsPerEpoch());
        appendLosses(line, p.losses());
        line.append(" | ").append(HumanFormat.number(p.samplesPerSecond())).append(" samples/s")
                .append(" | elapsed ").append(HumanFormat.duration(p.elapsed()))
                .append(" | ETA ").append(HumanFormat.duration(p.eta()));
        sink.accept(Level.INFO, line.toString());
    }

    @Override
    public void onEpoch(EpochSummary e) {
        StringBuilder line = new StringBuilder().append("epoch ").append(e.epoch()).append('/')
                .append(epochs > 0 ? Integer.toString(epochs) : "?").append(" done");
        appendLosses(line, e.losses());
        line.append(" | ").append(e.samples()).append(" samples in ").append(HumanFormat.seconds(e.seconds()))
                .append(" | ").append(HumanFormat.number(e.samplesPerSecond())).append(" samples/s");
        if (e.seconds() > 0 && Double.isFinite(e.averagingSeconds())) { // NaN: the engine does not measure it (dl4j-spark)
            line.append(" | averaging ").append(Math.round(100 * e.averagingSeconds() / e.seconds())).append('%');
        }
        sink.accept(Level.INFO, line.toString());
    }

    @Override
    public void onValidation(Validation v) {
        StringBuilder line = new StringBuilder().append("validation epoch ").append(v.epoch()).append('/')
                .append(epochs > 0 ? Integer.toString(epochs) : "?");
        Double selected = v.metrics().get(v.selectionMetric());
        if (selected != null) {
            line.append(" | ").append(v.selectionMetric()).append(' ').append(HumanFormat.number(selected));
        }
        List<String> others = new ArrayList<>(new TreeSet<>(v.metrics().keySet()));
        others.remove(v.selectionMetric());
        if (!others.isEmpty()) {
            line.append(" |");
            for (String name : others) {
                line.append(' ').append(name).append(' ').append(HumanFormat.number(v.metrics().get(name)));
            }
        }
        if (v.improved()) {
            bestEpoch = v.epoch();
            bestValue = selected == null ? Double.NaN : selected;
            line.append(" | new best");
        } else if (bestEpoch > 0) {
            line.append(" | best still epoch ").append(bestEpoch);
            if (!Double.isNaN(bestValue)) {
                line.append(" (").append(HumanFormat.number(bestValue)).append(')');
            }
        } else {
            line.append(" | no improvement");
        }
        sink.accept(Level.INFO, line.toString());
    }

    @Override
    public void onEnd(RunEnd end) {
        String what = switch (end.reason()) {
            case COMPLETED -> "completed";
            case EARLY_STOPPED -> "stopped early";
            case DIVERGED -> "diverged";
            case FAILED -> "failed";
        };
        StringBuilder line = new StringBuilder().append("run ").append(runId).append(' ').append(what);
        line.append(end.lastEpoch() > 0 ? " after epoch " + end.lastEpoch() : " before finishing an epoch");
        end.bestEpoch().ifPresent(b -> line.append(" | best epoch ").append(b));
        if (end.message() != null && !end.message().isBlank()) {
            line.append(" | ").append(end.message().strip());
        }
        Level level = switch (end.reason()) {
            case DIVERGED -> Level.WARN;
            case FAILED -> Level.ERROR;
            default -> Level.INFO;
        };
        sink.accept(level, line.toString());
    }

    /** {@code " | a 1 b 2"} in the run's loss order, then any other names sorted; nothing if empty. */
    private void appendLosses(StringBuilder line, Map<String, Double> losses) {
        if (losses.isEmpty()) {
            return;
        }
        line.append(" |");
        for (String name : LossOrder.of(lossNames, losses.keySet())) {
            line.append(' ').append(name).append(' ').append(HumanFormat.number(losses.get(name)));
        }
    }
}
