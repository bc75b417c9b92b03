package org.istn.io.manifest;

import java.util.List;

/**
 * Raised when input data cannot be used: the message names the manifest, the row and the file.
 * When several rows are bad, the message gives the first and the count, and
 * {@link #badRows()} holds them all.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<BadRow> badRows;

    public BadInputException(String message) {
        super(message);
        this.badRows = List.of();
    }

    public BadInputException(List<BadRow> badRows) {
        super(summary(badRows));
        this.badRows = List.copyOf(badRows);
    }

    public List<BadRow> badRows() {
        return badRows;
    }

    private static String summary(List<BadRow> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no bad rows");
        }
        String first = rows.get(0).message();
        if (rows.size() == 1) {
            return first;
        }
        return first + " (and " + (rows.size() - 1) + " more bad row" + (rows.size() == 2 ? "" : "s")
                + "; rerun with --skip_bad to skip them and write a report)";
    }
}
