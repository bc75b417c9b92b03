package org.istn.io.nifti;

import java.io.IOException;

/**
 * A NIfTI stream that cannot be read: bad magic, unsupported datatype or shape, truncated or corrupt
 * data. The message always starts with the source name (a file name or URI given by the caller),
 * followed by what was found and what was expected.
 */
public class NiftiFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message the full message, starting with the source name */
    public NiftiFormatException(String message) {
        super(message);
    }

    /**
     * @param message the full message, starting with the source name
     * @param cause the low-level error (for example a {@link java.util.zip.ZipException})
     */
    public NiftiFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
