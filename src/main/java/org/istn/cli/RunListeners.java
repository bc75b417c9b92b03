package org.istn.cli;

import java.util.ArrayList;
import java.util.List;
import org.istn.train.TrainingListener;
import org.istn.train.event.EpochSummary;
import org.istn.train.event.Progress;
import org.istn.train.event.RunEnd;
import org.istn.train.event.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners a training command attaches to its run, from its flags. */
final class RunListeners {
    private static final Logger LOG = LoggerFactory.getLogger("istn.progress");

    private RunListeners() {}

    static List<TrainingListener> standard(CommandLineArgs args, String runDir) {
        List<TrainingListener> l = new ArrayList<>();
        l.add(new TrainingListener() {
            @Override
            public void onProgress(Progress p) {
                LOG.info("epoch {}/{} step {}/{} | {} | {} samples/s | ETA {}s", p.epoch(), p.epochs(), p.step(),
                        p.stepsPerEpoch(), p.losses(), String.format("%.1f", p.samplesPerSecond()),
                        p.eta().toSeconds());
            }

            @Override
            public void onEpoch(EpochSummary e) {
                LOG.info("epoch {} done: {} | {} samples/s", e.epoch(), e.losses(),
                        String.format("%.1f", e.samplesPerSecond()));
            }

            @Override
            public void onValidation(Validation v) {
                LOG.info("validation after epoch {}: {}{}", v.epoch(), v.metrics(), v.improved() ? " (best)" : "");
            }

            @Override
            public void onEnd(RunEnd e) {
                LOG.info("run ended: {}", e.message());
            }
        });
        return l;
    }
}
