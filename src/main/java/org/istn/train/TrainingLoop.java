package org.istn.train;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.istn.nn.Provenance;
import org.istn.train.event.EpochSummary;
import org.istn.train.event.Progress;
import org.istn.train.event.RunEnd;
import org.istn.train.event.RunStart;
import org.istn.train.event.SampleImages;
import org.istn.train.event.SubjectExplanation;
import org.istn.train.event.Validation;

/**
 * The epoch loop every training job shares: epochs from an {@link EpochTrainer}, validation every
 * {@code val_interval} epochs and after the last, the best model kept (lower selection metric is
 * better), early stopping after {@code early_stopping_epochs} validations without improvement,
 * an atomic {@link Checkpoint} at each validation, {@code --resume} from the newest checkpoint,
 * and a stop with the last good checkpoint kept when a loss or the parameters become NaN/Inf.
 * Everything else (logs, tables, plots, samples) is left to {@link TrainingListener}s.
 */
public final class TrainingLoop {

    /** Validates the model in a given state. */
    @FunctionalInterface
    public interface Validator {
        Validated validate(int epoch, StateVector state) throws Exception;
    }

    /** A validation's figures; {@code selection} names the metric (in {@code metrics}) that picks the best model. */
    public record Validated(Map<String, Double> metrics, String selection, List<SampleImages> samples,
            List<SubjectExplanation> explain) {}

    /** Writes the user-facing model files of a state into a folder. */
    @FunctionalInterface
    public interface ModelSaver {
        void save(String dir, StateVector state, Provenance provenance) throws Exception;
    }

    /**
     * @param runId the run's name
     * @param job the command
     * @param runDir the run folder
     * @param epochs configured epochs
     * @param valInterval validate every this many epochs
     * @param earlyStopping validations without improvement before stopping (0 = never)
     * @param batchSize samples per step
     * @param resume continue from the newest checkpoint
     * @param seed the run's seed
     * @param config the resolved configuration
     * @param configHash its hash
     */
    public record Settings(String runId, String job, String runDir, int epochs, int valInterval, int earlyStopping,
            int batchSize, boolean resume, long seed, Map<String, Object> config, String configHash) {}

    private final Settings s;
    private final Configuration hadoop;
    private final SparkSession spark;
    private final List<TrainingListener> listeners;

    public TrainingLoop(Settings settings, SparkSession spark, Configuration hadoop, List<TrainingListener> listeners) {
        this.s = settings;
        this.spark = spark;
        this.hadoop = hadoop;
        this.listeners = List.copyOf(listeners);
    }

    /** The run's outcome and the state it ended with (the last good one). */
    public record Result(RunEnd end, StateVector state) {}

    public Result run(EpochTrainer trainer, StateVector initial, Validator validator, ModelSaver saver)
            throws Exception {
        StateVector state = initial;
        int first = 1;
        double best = Double.NaN;
        OptionalInt bestEpoch = OptionalInt.empty();
        int sinceBest = 0;
        if (s.resume()) {
            Optional<Checkpoint> c = Checkpoint.latest(s.runDir(), hadoop);
            if (c.isEmpty()) {
                throw new IllegalArgumentException("--resume: no checkpoint in " + s.runDir() + "/checkpoints"
                        + " (a run writes one at each validation); run without --resume to start afresh");
            }
            Checkpoint ck = c.get();
            if (!ck.configHash().equals(s.configHash())) {
                throw new IllegalArgumentException("--resume: the configuration differs from the checkpoint's (hash "
                        + s.configHash() + " vs " + ck.configHash() + " in " + Checkpoint.path(s.runDir(), ck.epoch())
                        + "); resume with the same configuration");
            }
            if (!ck.state().nameList().equals(initial.nameList())) {
                throw new IllegalArgumentException("--resume: the checkpoint " + Checkpoint.path(s.runDir(), ck.epoch())
                        + " holds another model's state");
            }
            state = ck.state();
            first = ck.epoch() + 1;
            best = ck.bestMetric();
            bestEpoch = ck.bestEpoch();
            sinceBest = ck.sinceBest();
        }
        Map<String, String> cfg = new TreeMap<>();
        s.config().forEach((k, v) -> cfg.put(k, String.valueOf(v)));
        RunStart start = new RunStart(s.runId(), s.job(), s.runDir(), spark, first, s.epochs(),
                trainer.stepsPerEpoch(), s.batchSize(), trainer.workers(), trainer.lossNames(), cfg, s.configHash());
        for (TrainingListener l : listeners) {
            l.onStart(start);
        }
        long t0 = System.nanoTime();
        final int firstEpoch = first;
        int lastDone = first - 1;
        if (first > s.epochs()) {
            return end(new RunEnd(lastDone, RunEnd.Reason.COMPLETED, bestEpoch, "nothing to resume: the checkpoint is"
                    + " after the last epoch " + s.epochs()), state);
        }
        for (int epoch = first; epoch <= s.epochs(); epoch++) {
            final int e = epoch;
            EpochTrainer.Epoch r = trainer.train(epoch, state, (done, losses, samples, seconds) -> {
                double elapsed = (System.nanoTime() - t0) / 1e9;
                double fraction = ((e - firstEpoch) + (double) done / Math.max(1, trainer.stepsPerEpoch()))
                        / (s.epochs() - firstEpoch + 1);
                double eta = fraction <= 0 ? 0 : elapsed * (1 - fraction) / fraction;
                Progress p = new Progress(e, s.epochs(), done, trainer.stepsPerEpoch(), losses,
                        seconds <= 0 ? 0 : samples / seconds, Duration.ofMillis((long) (elapsed * 1000)),
                        Duration.ofMillis((long) (eta * 1000)));
                for (TrainingListener l : listeners) {
                    l.onProgress(p);
                }
            });
            if (r.divergence() != null) {
                String keep = lastDone >= firstEpoch || s.resume() ? "the last good checkpoint is kept in "
                        + s.runDir() + "/checkpoints" : "no checkpoint was written yet";
                return end(new RunEnd(lastDone, RunEnd.Reason.DIVERGED, bestEpoch, "training diverged: "
                        + r.divergence() + "; the parameters of that round were discarded and " + keep
                        + " (try a lower learning_rate)"), state);
            }
            state = r.state();
            lastDone = epoch;
            EpochSummary sum = new EpochSummary(epoch, r.meanLosses(), r.samples(), r.seconds(),
                    r.seconds() <= 0 ? 0 : r.samples() / r.seconds(), r.averagingSeconds());
            for (TrainingListener l : listeners) {
                l.onEpoch(sum);
            }
            if (epoch % s.valInterval() == 0 || epoch == s.epochs()) {
                Validated v = validator.validate(epoch, state);
                Double metric = v.metrics().get(v.selection());
                boolean improved = metric != null && !metric.isNaN() && (Double.isNaN(best) || metric < best);
                Provenance prov = Provenance.now(s.seed(), s.configHash(), Map.of("run", s.runId(), "job", s.job(),
                        "epoch", Integer.toString(epoch)));
                if (improved) {
                    best = metric;
                    bestEpoch = OptionalInt.of(epoch);
                    sinceBest = 0;
                    saver.save(s.runDir() + "/models/best", state, prov);
                } else {
                    sinceBest++;
                }
                saver.save(s.runDir() + "/models/last", state, prov);
                new Checkpoint(epoch, best, bestEpoch, sinceBest, s.configHash(), state)
                        .write(s.runDir(), hadoop, s.config(), prov);
                Validation val = new Validation(epoch, v.metrics(), v.selection(), improved, v.samples(), v.explain());
                for (TrainingListener l : listeners) {
                    l.onValidation(val);
                }
                if (s.earlyStopping() > 0 && sinceBest >= s.earlyStopping() && epoch < s.epochs()) {
                    return end(new RunEnd(epoch, RunEnd.Reason.EARLY_STOPPED, bestEpoch, "stopped early: "
                            + sinceBest + " validations without a better " + v.selection()), state);
                }
            }
        }
        return end(new RunEnd(lastDone, RunEnd.Reason.COMPLETED, bestEpoch, "completed " + s.epochs() + " epochs"),
                state);
    }

    private Result end(RunEnd e, StateVector state) throws Exception {
        for (TrainingListener l : listeners) {
            l.onEnd(e);
        }
        return new Result(e, state);
    }
}
