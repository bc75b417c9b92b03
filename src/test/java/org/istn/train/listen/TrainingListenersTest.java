package org.istn.train.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.istn.train.TrainingListener;
import org.istn.train.event.EpochSummary;
import org.istn.train.event.Progress;
import org.istn.train.event.RunEnd;
import org.istn.train.event.RunStart;
import org.istn.train.event.Validation;
import org.junit.jupiter.api.Test;

/** The composite: order of calls, and failures that do not stop the other listeners. */
class TrainingListenersTest {

    private final List<String> calls = new ArrayList<>();

    private TrainingListener recording(String name, String failOn) {
        return new TrainingListener() {
            private void call(String event) throws Exception {
                calls.add(name + ":" + event);
                if (event.equals(failOn)) {
                    throw new IllegalStateException(name + " failed on " + event);
                }
            }

            @Override
            public void onStart(RunStart run) throws Exception {
                call("start");
            }

            @Override
            public void onProgress(Progress progress) throws Exception {
                call("progress");
            }

            @Override
            public void onEpoch(EpochSummary epoch) throws Exception {
                call("epoch");
            }

            @Override
            public void onValidation(Validation validation) throws Exception {
                call("validation");
            }

            @Override
            public void onEnd(RunEnd end) throws Exception {
                call("end");
            }
        };
    }

    @Test
    void everyEventGoesToEveryListenerInOrder() throws Exception {
        TrainingListeners all = TrainingListeners.of(recording("a", ""), recording("b", ""));
        all.onStart(new RunStart("r", "train-task", "/tmp/r", null, 1, 1, 1, 1, 1, List.of(), Map.of(), "h"));
        all.onProgress(new Progress(1, 1, 1, 1, Map.of(), 1, Duration.ZERO, Duration.ZERO));
        all.onEpoch(new EpochSummary(1, Map.of(), 1, 1, 1, 0));
        all.onValidation(new Validation(1, Map.of(), "m", false, List.of(), List.of()));
        all.onEnd(new RunEnd(1, RunEnd.Reason.COMPLETED, OptionalInt.empty(), ""));
        assertEquals(List.of("a:start", "b:start", "a:progress", "b:progress", "a:epoch", "b:epoch", "a:validation",
                "b:validation", "a:end", "b:end"), calls);
    }

    @Test
    void aFailureIsThrownAfterTheOthersRanWithLaterFailuresSuppressed() {
        TrainingListeners all = TrainingListeners.of(recording("a", "epoch"), recording("b", ""),
                recording("c", "epoch"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> all.onEpoch(new EpochSummary(1, Map.of(), 1, 1, 1, 0)));
        assertEquals("a failed on epoch", e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertEquals("c failed on epoch", e.getSuppressed()[0].getMessage());
        assertEquals(List.of("a:epoch", "b:epoch", "c:epoch"), calls);
    }

    @Test
    void standardSetIsLoggerRecorderAndSampleWriter() {
        List<TrainingListener> l = TrainingListeners.standard(true, false).listeners();
        assertEquals(3, l.size());
        assertSame(ProgressLogger.class, l.get(0).getClass());
        assertSame(MetricsRecorder.class, l.get(1).getClass());
        assertSame(SampleImageWriter.class, l.get(2).getClass());
    }
}
