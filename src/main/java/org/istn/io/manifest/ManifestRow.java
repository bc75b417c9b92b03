package org.istn.io.manifest;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One data row of a manifest: its line number in the file (1-based, the header is line 1 when
 * present), the subject id, the image location resolved to a full URI string, and every cell by
 * column name (as read, untrimmed of meaning).
 */
public record ManifestRow(int line, String id, String image, Map<String, String> cells)
        implements Serializable {

    public ManifestRow {
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    /** The cell of {@code column}, or {@code null} when the manifest has no such column. */
    public String cell(String column) {
        return cells.get(column);
    }

    /** "manifest.tsv row 7 (id CC110033)": the prefix of every message about this row. */
    public String where(String manifest) {
        return manifest + " row " + line + " (id " + id + ")";
    }
}
