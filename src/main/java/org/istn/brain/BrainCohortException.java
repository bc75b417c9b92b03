package org.istn.brain;

import java.io.IOException;

/**
 * A failure while making the brain cohort: the template is missing or unusable, the output
 * exists, a subject cannot be drawn, or writing fails. The message names the file or the
 * setting and says what was expected.
 */
public class BrainCohortException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A failure with this message. */
    public BrainCohortException(String message) {
        super(message);
    }

    /** A failure with this message and cause. */
    public BrainCohortException(String message, Throwable cause) {
        super(message, cause);
    }
}
