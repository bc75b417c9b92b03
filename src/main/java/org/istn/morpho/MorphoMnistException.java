package org.istn.morpho;

import java.io.IOException;

/**
 * A failure while obtaining MNIST or writing the Morpho-MNIST dataset (download, checksum, bad
 * IDX file, I/O); the message names the file and says what was expected.
 */
public class MorphoMnistException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A failure with this message. */
    public MorphoMnistException(String message) {
        super(message);
    }

    /** A failure with this message and cause. */
    public MorphoMnistException(String message, Throwable cause) {
        super(message, cause);
    }
}
