package org.istn.io.manifest;

import java.io.Serializable;
import java.util.List;

/**
 * A parsed manifest: where it came from, its columns and its rows in file order.
 *
 * @param uri the manifest's location as given (used in every error message)
 * @param columns the column names (from the header row, or the reference tool's fixed layout)
 * @param referenceLayout true when the file had no header and the reference layout
 *     (id, image, mask, age, sex, scanner) was assumed
 * @param rows the data rows
 */
public record Manifest(String uri, List<String> columns, boolean referenceLayout, List<ManifestRow> rows)
        implements Serializable {

    public Manifest {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public int size() {
        return rows.size();
    }
}
