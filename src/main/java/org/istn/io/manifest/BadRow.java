package org.istn.io.manifest;

import java.io.Serializable;

/**
 * A manifest row that cannot be used, with the reason. With {@code skip_bad} such rows are left
 * out and listed in a report; without it the first one stops the job.
 *
 * @param manifest the manifest's location
 * @param line the row's line number in the manifest (1-based; the header is line 1)
 * @param id the row's id ("" when the row had none)
 * @param file the image file the row names ("" when the row had none)
 * @param reason what is wrong, in words, without the location prefix
 */
public record BadRow(String manifest, int line, String id, String file, String reason)
        implements Serializable {

    /** The full message: "{manifest} row {line} (id {id}): {reason}". */
    public String message() {
        return manifest + " row " + line + (id.isEmpty() ? "" : " (id " + id + ")") + ": " + reason;
    }
}
