package org.istn.train.listen;

import java.util.ArrayList;
import java.util.List;
import org.istn.train.TrainingListener;
import org.istn.train.event.EpochSummary;
import org.istn.train.event.Progress;
import org.istn.train.event.RunEnd;
import org.istn.train.event.RunStart;
import org.istn.train.event.Validation;

/**
 * Several listeners as one: each event goes to every listener, in the order given. When some
 * fail, the others still see the event (a failed Parquet write does not keep the checkpoint
 * from being written, nor the log line of the end from appearing); then the first failure is
 * thrown with the later ones attached as suppressed exceptions.
 */
public final class TrainingListeners implements TrainingListener {

    private final List<TrainingListener> listeners;

    private TrainingListeners(List<TrainingListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** @return a listener that calls these in order */
    public static TrainingListeners of(TrainingListener... listeners) {
        return new TrainingListeners(List.of(listeners));
    }

    /** @return a listener that calls these in order */
    public static TrainingListeners of(List<? extends TrainingListener> listeners) {
        return new TrainingListeners(new ArrayList<>(listeners));
    }

    /**
     * The standard observers of a run: {@link ProgressLogger}, {@link MetricsRecorder} and
     * {@link SampleImageWriter} with the {@code --png} / {@code --nii} flags.
     */
    public static TrainingListeners standard(boolean png, boolean nii) {
        return of(new ProgressLogger(), new MetricsRecorder(), new SampleImageWriter(png, nii));
    }

    /** @return the listeners, in call order */
    public List<TrainingListener> listeners() {
        return listeners;
    }

    /** One event delivered to one listener. */
    @FunctionalInterface
    private interface Call {
        void to(TrainingListener l) throws Exception;
    }

    private void each(Call call) throws Exception {
        Exception first = null;
        for (TrainingListener l : listeners) {
            try {
                call.to(l);
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void onStart(RunStart run) throws Exception {
        each(l -> l.onStart(run));
    }

    @Override
    public void onProgress(Progress progress) throws Exception {
        each(l -> l.onProgress(progress));
    }

    @Override
    public void onEpoch(EpochSummary epoch) throws Exception {
        each(l -> l.onEpoch(epoch));
    }

    @Override
    public void onValidation(Validation validation) throws Exception {
        each(l -> l.onValidation(validation));
    }

    @Override
    public void onEnd(RunEnd end) throws Exception {
        each(l -> l.onEnd(end));
    }
}
