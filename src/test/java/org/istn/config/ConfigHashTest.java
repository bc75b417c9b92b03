package org.istn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The canonical resolved config and its hash depend on the settings only. */
class ConfigHashTest {

    private static final String JSON = """
            {"train_set": "a.tsv", "test_set": "b.tsv", "augmentation": 1,
             "learning_rate": 0.00005, "input_shape": [32, 32], "cache_storage_level": "memory_only"}
            """;
    private static final String JSON_REORDERED = """
            {"input_shape": [32, 32], "cache_storage_level": "MEMORY_ONLY", "learning_rate": 5e-5,
             "augmentation": true, "test_set": "b.tsv", "train_set": "a.tsv"}
            """;
    private static final String HOCON = """
            # the same settings, HOCON
            cache_storage_level = MEMORY_ONLY
            input_shape = [32, 32]
            learning_rate = 5.0e-5
            test_set = b.tsv
            train_set = a.tsv
            augmentation = yes
            """;

    @Test
    void stableAcrossKeyOrderAndSyntax() {
        JobSettings json = Loading.load(Job.TRAIN_TASK, ConfigSource.of(JSON, "a.json"));
        JobSettings reordered = Loading.load(Job.TRAIN_TASK, ConfigSource.of(JSON_REORDERED, "b.json"));
        JobSettings hocon = Loading.load(Job.TRAIN_TASK, ConfigSource.of(HOCON, "c.conf"));
        assertEquals(json, reordered);
        assertEquals(json, hocon);
        assertEquals(json.resolvedConfig(), hocon.resolvedConfig());
        assertEquals(json.configHash(), reordered.configHash());
        assertEquals(json.configHash(), hocon.configHash());
    }

    @Test
    void theSameSettingsFromTheCommandLineHashTheSame() {
        JobSettings file = Loading.load(Job.TRAIN_TASK, ConfigSource.of(JSON, "a.json"));
        JobSettings cli = Loading.cli(Job.TRAIN_TASK, Map.of("train_set", "a.tsv", "test_set", "b.tsv",
                "learning_rate", "0.00005", "input_shape", "32,32", "cache_storage_level", "MEMORY_ONLY"));
        assertEquals(file.configHash(), cli.configHash());
    }

    @Test
    void anyChangedValueChangesTheHash() {
        JobSettings a = Loading.load(Job.TRAIN_TASK, ConfigSource.of(JSON, "a.json"));
        JobSettings b = SettingsLoader.load(Job.TRAIN_TASK, Optional.of(ConfigSource.of(JSON, "a.json")),
                Map.of("seed", "43"), Map.of());
        assertNotEquals(a.configHash(), b.configHash());
    }

    @Test
    void canonicalText() {
        JobSettings s = Loading.load(Job.TRAIN_TASK, ConfigSource.of(JSON, "a.json"));
        String text = s.resolvedConfig();
        assertTrue(text.startsWith("{\n  \"augmentation\": true,\n  \"augmentation_flip\": true,\n"), text);
        assertTrue(text.contains("\n  \"input_shape\": [32, 32],\n"), text);
        assertTrue(text.contains("\n  \"learning_rate\": 0.00005,\n"), text);
        assertTrue(text.contains("\n  \"run_name\": \"\",\n"), text);
        assertTrue(text.endsWith("\n}\n"), text);
        assertTrue(s.configHash().matches("[0-9a-f]{64}"));
    }

    @ParameterizedTest
    @EnumSource(Job.class)
    void resolvedConfigLoadsBackIntoEqualSettings(Job job) {
        JobSettings s = Loading.defaults(job);
        JobSettings again = Loading.load(job, ConfigSource.of(s.resolvedConfig(), "resolved.json"));
        assertEquals(s, again);
        assertEquals(s.configHash(), again.configHash());
    }

    @Test
    void noneIsNullInTheCanonicalForm() {
        String text = Loading.defaults(Job.INFER).resolvedConfig();
        assertTrue(text.contains("\n  \"itn_path\": null,\n"), text);
        assertTrue(text.contains("\n  \"stn\": \"none\",\n"), text);
    }
}
