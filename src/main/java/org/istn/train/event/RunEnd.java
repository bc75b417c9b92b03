package org.istn.train.event;

import java.util.OptionalInt;

/**
 * A run ended.
 *
 * @param lastEpoch the last epoch completed (0 if none)
 * @param reason why it ended
 * @param bestEpoch the epoch of the best validation, if any
 * @param message a sentence for people (e.g. which loss diverged at which step)
 */
public record RunEnd(int lastEpoch, Reason reason, OptionalInt bestEpoch, String message) {

    /** Why a run ended. */
    public enum Reason { COMPLETED, EARLY_STOPPED, DIVERGED, FAILED }
}
