package org.istn.config;

/** Intensity normalisation applied to every volume after resampling (key {@code normalizer}). */
public enum Normalizer {
    /** Element-wise tanh of the raw intensities, as the reference tool does. */
    TANH("tanh"),
    /** Raw intensities. */
    NONE("none"),
    /** Zero mean and unit variance over the foreground (voxels &gt; 0). */
    ZSCORE("zscore"),
    /** Linear scaling of [min, max] to [-1, 1]. */
    MINMAX("minmax");

    private final String configName;

    Normalizer(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration files. */
    public String configName() {
        return configName;
    }

    /** Parses a config value (case-insensitive); an error lists the allowed names. */
    public static Normalizer fromConfig(String key, String value) {
        return Check.oneOf(key, value, values(), Normalizer::configName, ", ");
    }
}
