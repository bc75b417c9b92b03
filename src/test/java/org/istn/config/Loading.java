package org.istn.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** Shortcuts for the config tests. */
final class Loading {

    /** Enough to satisfy every job's required keys, as command-line overrides. */
    static final Map<String, Map<String, String>> REQUIRED = Map.of(
            "train-task", Map.of("train_set", "a.tsv", "test_set", "b.tsv"),
            "da-unidirectional", Map.of("siteA_train", "a.tsv", "siteA_val", "b.tsv",
                    "siteB_train", "c.tsv", "siteB_val", "d.tsv"),
            "da-bidirectional", Map.of("siteA_train", "a.tsv", "siteA_val", "b.tsv",
                    "siteB_train", "c.tsv", "siteB_val", "d.tsv"),
            "infer", Map.of("test_set", "t.tsv", "task_model", "m.zip"));

    private Loading() {}

    static JobSettings load(Job job, ConfigSource file) {
        return SettingsLoader.load(job, Optional.of(file), Map.of(), Map.of());
    }

    static JobSettings json(Job job, String text) {
        return load(job, ConfigSource.of(text, "my.json"));
    }

    static JobSettings cli(Job job, Map<String, String> overrides) {
        return SettingsLoader.load(job, Optional.empty(), overrides, Map.of());
    }

    /** The job's defaults plus its required keys. */
    static JobSettings defaults(Job job) {
        return cli(job, REQUIRED.get(job.command()));
    }

    static ConfigSource resource(String name) {
        try (InputStream in = Loading.class.getResourceAsStream("/config/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource config/" + name);
            }
            return ConfigSource.of(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
