package org.istn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Command line > environment > user file > defaults. */
class PrecedenceTest {

    private static final ConfigSource FILE = ConfigSource.of("""
            {"train_set": "file.tsv", "test_set": "file_test.tsv", "learning_rate": 0.001,
             "batch_size": 4, "epochs": 7, "input_shape": [48, 48, 48]}
            """, "user.json");

    private static TaskTrainingSettings load(Map<String, String> cli, Map<String, String> env) {
        return (TaskTrainingSettings) SettingsLoader.load(Job.TRAIN_TASK, Optional.of(FILE), cli, env);
    }

    @Test
    void eachLayerOverridesTheOnesBelow() {
        Map<String, String> env = Map.of("ISTN_BATCH_SIZE", "2", "ISTN_EPOCHS", "3",
                "ISTN_INPUT_SHAPE", "[32,32]", "PATH", "/usr/bin");
        Map<String, String> cli = Map.of("epochs", "1", "input_shape", "[16, 16, 16]");
        TaskTrainingSettings s = load(cli, env);
        assertEquals(10, s.optim().earlyStoppingEpochs(), "default");
        assertEquals(0.001, s.optim().learningRate(), "file over default");
        assertEquals("file.tsv", s.trainSet(), "file over default");
        assertEquals(2, s.optim().batchSize(), "environment over file");
        assertEquals(1, s.optim().epochs(), "command line over environment");
        assertEquals(List.of(16, 16, 16), s.data().inputShape(), "command line over environment");
    }

    @Test
    void withoutOverridesTheFileWins() {
        TaskTrainingSettings s = load(Map.of(), Map.of());
        assertEquals(4, s.optim().batchSize());
        assertEquals(List.of(48, 48, 48), s.data().inputShape());
    }

    @Test
    void environmentValuesAreHoconOrPlainText() {
        Map<String, String> env = Map.of("ISTN_TRAIN_SET", "hdfs://nn:8020/data/a b.tsv",
                "ISTN_INPUT_SHAPE", "[32,32]", "ISTN_LEARNING_RATE", "1e-4",
                "ISTN_AUGMENTATION", "0", "ISTN_DATASET_NAME", "\"quoted name\"");
        TaskTrainingSettings s = load(Map.of(), env);
        assertEquals("hdfs://nn:8020/data/a b.tsv", s.trainSet());
        assertEquals(List.of(32, 32), s.data().inputShape());
        assertEquals(0.0001, s.optim().learningRate());
        assertEquals(false, s.data().augmentation().enabled());
        assertEquals("quoted name", s.datasetName());
    }

    @Test
    void commandLineListsMayBeCommaSeparated() {
        TaskTrainingSettings s = load(Map.of("input_shape", "32,32,16"), Map.of());
        assertEquals(List.of(32, 32, 16), s.data().inputShape());
    }

    @Test
    void mixedCaseSiteKeysMapFromUpperCaseVariables() {
        Map<String, String> env = new HashMap<>(Map.of("ISTN_SITEA_TRAIN", "a.tsv", "ISTN_SITEA_VAL",
                "b.tsv", "ISTN_SITEB_TRAIN", "c.tsv", "ISTN_SITEB_VAL", "d.tsv"));
        DomainAdaptationSettings s = (DomainAdaptationSettings) SettingsLoader.load(
                Job.DA_UNIDIRECTIONAL, Optional.empty(), Map.of(), env);
        assertEquals("a.tsv", s.siteA().train());
        assertEquals("d.tsv", s.siteB().val());
    }

    @Test
    void otherJobsKeysAndLauncherVariablesAreIgnored() {
        Map<String, String> env = Map.of("ISTN_CYC_LOSS", "mse", "ISTN_THRESHOLDS", "[0.5]",
                "ISTN_MASTER", "local[2]", "ISTN_SKIP_BUILD", "1");
        TaskTrainingSettings s = load(Map.of(), env);
        assertTrue(s.toConfigMap().containsKey("train_set"));
    }
}
