package org.istn.config;

import java.util.Locale;
import java.util.Optional;

/** The spatial transformer after the ITN (key {@code stn}). */
public enum StnType {
    /** No spatial transformer (the reference writes 0). */
    NONE("none"),
    /** Affine: translation, rotation, scale and shear heads. */
    AFFINE("affine"),
    /** Cubic B-spline displacement field on a control-point grid ({@code cp_spacing}). */
    BSPLINE("bspline");

    /** The allowed values, for messages. */
    static final String ALLOWED = "one of affine, bspline, none (or 0 for none)";

    private final String configName;

    StnType(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration files. */
    public String configName() {
        return configName;
    }

    /**
     * Parses a config value; empty (the config said 0, false, null, "" or "none") is
     * {@link #NONE}. An error lists the allowed names.
     */
    public static StnType fromConfig(String key, Optional<String> value) {
        if (value.isEmpty()) {
            return NONE;
        }
        for (StnType t : values()) {
            if (t.configName.equals(value.get().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new SettingsException(key, key + " must be " + ALLOWED + ", found \"" + value.get() + "\"");
    }
}
