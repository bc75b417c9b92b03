package org.istn.morpho;

/** The output folder exists and may not be replaced; the message says why and what to do. */
public final class OutputExistsException extends MorphoMnistException {

    private static final long serialVersionUID = 1L;

    /** An error with this message. */
    public OutputExistsException(String message) {
        super(message);
    }
}
