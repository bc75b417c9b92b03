package org.istn.config;

import java.util.SortedMap;

/**
 * The validated settings of one job, built once on the driver by {@link SettingsLoader}. What
 * executors need is copied out of these records into the recipes shipped to them.
 */
public sealed interface JobSettings
        permits TaskTrainingSettings, DomainAdaptationSettings, InferenceSettings {

    /** The job these settings are for. */
    Job job();

    /** Reading and preprocessing of the manifests' images. */
    DataSettings data();

    /** Network sizes. */
    NetworkSettings network();

    /** Seed and output location. */
    RunSettings run();

    /**
     * Every key of the job with its normalised value, sorted by key: the settings as a config
     * map, which loads back into equal settings.
     */
    SortedMap<String, Object> toConfigMap();

    /**
     * The resolved configuration as canonical JSON (sorted keys, normalised values), for
     * provenance: saved with every model and run. It loads back as a config file of the job.
     */
    default String resolvedConfig() {
        return CanonicalJson.render(toConfigMap());
    }

    /** SHA-256 (lower-case hex) of {@link #resolvedConfig()}: equal for equal settings. */
    default String configHash() {
        return CanonicalJson.sha256(resolvedConfig());
    }
}
