package org.istn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shipped defaults: complete, commented, documented, and valid. */
class DefaultConfTest {

    private static final List<String> PROJECT = List.of("seed", "output_dir", "run_name",
            "num_dataset_workers", "skip_bad", "cache_storage_level", "image_column", "id_column");
    private static final List<String> TRAINING = List.of("averaging_frequency",
            "augmentation_max_shift", "augmentation_flip");

    /** The reference tool's keys per job (and this project's), written out independently of Job. */
    private static final Map<Job, List<String>> EXPECTED = Map.of(
            Job.TRAIN_TASK, List.of("train_set", "test_set", "dataset_name", "model_type", "batch_size",
                    "learning_rate", "val_interval", "epochs", "normalizer", "input_shape",
                    "label_key", "num_classes", "nf", "augmentation", "early_stopping_epochs"),
            Job.DA_UNIDIRECTIONAL, uni(),
            Job.DA_BIDIRECTIONAL, bi(),
            Job.INFER, List.of("test_set", "dataset_name", "task_model", "itn_path", "stn", "stn_path",
                    "max_displacement", "cp_spacing", "normalizer", "input_shape", "thresholds",
                    "label_key", "num_classes", "nf", "batch_size"));

    private static List<String> uni() {
        return List.of("siteA_name", "siteA_train", "siteA_val", "siteB_name", "siteB_train",
                "siteB_val", "task_model", "finetune", "model_type", "itn", "model_selection", "label_key", "augmentation", "normalizer",
                "input_shape", "num_classes", "nf", "stn", "max_displacement", "cp_spacing",
                "early_stopping_epochs", "learning_rate", "cyc_weight", "task_weight", "batch_size",
                "val_interval", "epochs", "gan_loss", "idt_loss", "dis_loss", "dis_norm", "files");
    }

    private static List<String> bi() {
        List<String> k = new ArrayList<>(uni());
        k.add("cyc_loss");
        return k;
    }

    private static Set<String> expected(Job job) {
        Set<String> k = new TreeSet<>(EXPECTED.get(job));
        k.addAll(PROJECT);
        if (job != Job.INFER) {
            k.addAll(TRAINING);
        }
        return k;
    }

    private static Config conf(Job job) {
        return SettingsLoader.parse(SettingsLoader.defaults(job));
    }

    @ParameterizedTest
    @EnumSource(Job.class)
    void everyKeyIsInTheDefaultsAndNoOther(Job job) {
        Set<String> inConf = new TreeSet<>(conf(job).root().keySet());
        assertEquals(expected(job), inConf, job.defaultsResource());
        assertEquals(expected(job), job.keys());
    }

    @ParameterizedTest
    @EnumSource(Job.class)
    void everyKeyHasAComment(Job job) {
        for (Map.Entry<String, ConfigValue> e : conf(job).root().entrySet()) {
            assertFalse(e.getValue().origin().comments().isEmpty(),
                    job.defaultsResource() + ": key " + e.getKey() + " has no comment");
        }
    }

    @ParameterizedTest
    @EnumSource(Job.class)
    void defaultsValidateOnceTheRequiredKeysAreSet(Job job) {
        JobSettings s = Loading.defaults(job);
        assertEquals(job, s.job());
        assertEquals(42L, s.run().seed());
        assertEquals("runs", s.run().outputDir());
        assertEquals(List.of(64, 64, 64), s.data().inputShape());
        assertEquals(Normalizer.TANH, s.data().normalizer());
        assertEquals("MEMORY_AND_DISK_SER", s.data().cacheStorageLevel());
        assertEquals(job.keys(), s.toConfigMap().keySet());
    }

    @Test
    void projectDefaults() {
        TaskTrainingSettings t = (TaskTrainingSettings) Loading.defaults(Job.TRAIN_TASK);
        assertEquals(new Augmentation(true, 3, true), t.data().augmentation());
        assertEquals(5, t.optim().averagingFrequency());
        assertEquals(0, t.data().numDatasetWorkers());
        assertFalse(t.data().skipBad());
        assertEquals("image", t.data().imageColumn());
        assertEquals("id", t.data().idColumn());
        assertTrue(t.run().runName().isEmpty());
        InferenceSettings i = (InferenceSettings) Loading.defaults(Job.INFER);
        assertEquals(List.of(0.01, 0.05, 0.10), i.thresholds());
        assertEquals(StnType.NONE, i.stn().type());
        assertEquals(Augmentation.OFF, i.data().augmentation());
    }

    @Test
    void storageLevelNamesAreSparks() {
        for (String name : DataSettings.STORAGE_LEVELS) {
            assertNotNull(StorageLevel.fromString(name), name);
        }
    }

    @Test
    void noKeyCollidesWithALauncherVariable() {
        for (String key : Job.allKeys()) {
            String env = SettingsLoader.ENV_PREFIX + key.toUpperCase(Locale.ROOT);
            assertFalse(SettingsLoader.LAUNCHER_VARIABLES.contains(env), env);
        }
    }
}
