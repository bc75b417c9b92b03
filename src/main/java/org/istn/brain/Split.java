package org.istn.brain;

/** The three manifests of a site. */
public enum Split {
    TRAIN, VAL, TEST;

    /** The manifest's base name and the id part: {@code train}, {@code val} or {@code test}. */
    public String fileName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
