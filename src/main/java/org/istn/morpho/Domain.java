package org.istn.morpho;

/**
 * The two sites of the Morpho-MNIST demo. Each draws from its own half of a seeded random
 * partition of MNIST (see {@link Subjects}), so the sites never share an image.
 */
public enum Domain {
    /** Thinned digits. */
    SOURCE("source"),
    /** Thickened digits with a pose and an intensity change. */
    TARGET("target");

    private final String folder;

    Domain(String folder) {
        this.folder = folder;
    }

    /** The folder name and the value of the manifests' {@code domain} column. */
    public String folder() {
        return folder;
    }
}
