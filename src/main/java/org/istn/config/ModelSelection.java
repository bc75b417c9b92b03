package org.istn.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which validation set picks the best domain-adaptation model (config key {@code model_selection}).
 * The selection metric is the task error (classifier) or MAE (regressor) of the task model on it.
 */
public enum ModelSelection {
    /**
     * A2B with site A's labels, as the reference does. Needs no target labels, but favours an ISTN
     * that changes little: the task model reads untransformed A best.
     */
    SOURCE,
    /**
     * Site B's validation set with its labels: the model that works best on the target site. Needs a
     * labelled {@code siteB_val}; report results on a separate target test set.
     */
    TARGET;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ModelSelection fromConfig(String key, String value) {
        for (ModelSelection s : values()) {
            if (s.configName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw Check.fail(key, key + " must be one of " + Arrays.stream(values()).map(ModelSelection::configName)
                .collect(Collectors.joining(" | ")) + ", found \"" + value + "\"");
    }
}
