package org.istn.config;

import java.util.Locale;

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
        return Check.oneOf(key, value, values(), ModelSelection::configName, " | ");
    }
}
