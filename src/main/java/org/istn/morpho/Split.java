package org.istn.morpho;

/** The three manifests of a domain: train and val from MNIST's training set, test from its test set. */
public enum Split {
    TRAIN, VAL, TEST;

    /** The manifest's base name: {@code train}, {@code val} or {@code test}. */
    public String fileName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the split draws from MNIST's test set. */
    public boolean fromMnistTest() {
        return this == TEST;
    }
}
