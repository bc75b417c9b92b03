package org.istn.config;

import java.util.Locale;

/** The task model's type (config key {@code model_type}, flag {@code --model_type}). */
public enum ModelType {
    /** Predicts a class: binary with num_classes = 1, else num_classes classes. */
    CLASSIFIER,
    /** Predicts a number (e.g. age / 100). */
    REGRESSOR;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ModelType fromConfig(String key, String value) {
        return Check.oneOf(key, value, values(), ModelType::configName, " | ");
    }

    /** Checks num_classes against the type. */
    void checkClasses(int numClasses) {
        if (this == REGRESSOR && numClasses != 1) {
            throw Check.fail("num_classes", "a regressor has one output: num_classes must be 1 with model_type"
                    + " regressor, found " + numClasses);
        }
    }
}
