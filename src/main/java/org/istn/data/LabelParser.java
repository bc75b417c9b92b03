package org.istn.data;

import org.istn.io.manifest.BadRow;
import org.istn.io.manifest.Manifest;
import org.istn.io.manifest.ManifestRow;

/**
 * Reads the label of a manifest row from the {@code label_key} column: a finite number, else a
 * {@link BadRow} saying why not. A blank {@code label_key} means the job uses no labels. Where
 * labels are optional (a target site, an inference cohort), a manifest without the column has
 * none; one with the column must have a number in every row.
 */
public final class LabelParser {

    private final String labelKey;

    /**
     * @param labelKey the label column, blank for none
     * @param required whether a manifest without the column is an error
     * @param m the manifest the rows come from
     * @throws org.istn.io.manifest.BadInputException when a required column is missing
     */
    public LabelParser(String labelKey, boolean required, Manifest m) {
        String key = labelKey == null ? "" : labelKey.trim();
        if (!key.isEmpty() && !m.columns().contains(key)) {
            if (required) {
                throw new org.istn.io.manifest.BadInputException(m.uri() + ": label column '" + key
                        + "' (label_key) not found; columns are " + m.columns());
            }
            key = "";
        }
        this.labelKey = key;
    }

    /** Whether rows carry labels (a label_key is set and the manifest has its column). */
    public boolean usesLabels() {
        return !labelKey.isEmpty();
    }

    /** A parsed label, or why the row has none: exactly one of the two is meaningful. */
    public record Result(float value, BadRow bad) {
        public boolean ok() {
            return bad == null;
        }
    }

    /** The label (NaN when the job uses no labels), or a BadRow. */
    public Result parse(Manifest m, ManifestRow row) {
        if (!usesLabels()) {
            return new Result(Float.NaN, null);
        }
        String cell = row.cell(labelKey);
        if (cell == null || cell.isBlank()) {
            return bad(m, row, "missing label '" + labelKey + "'");
        }
        try {
            double v = Double.parseDouble(cell.trim());
            if (!Double.isFinite(v)) {
                return bad(m, row, "label '" + labelKey + "' is not a finite number: '" + cell + "'");
            }
            return new Result((float) v, null);
        } catch (NumberFormatException e) {
            return bad(m, row, "label '" + labelKey + "' is not a number: '" + cell + "'");
        }
    }

    private static Result bad(Manifest m, ManifestRow row, String reason) {
        return new Result(Float.NaN, new BadRow(m.uri(), row.line(), row.id(), row.image(), reason));
    }
}
