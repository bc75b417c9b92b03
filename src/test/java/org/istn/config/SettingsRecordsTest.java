package org.istn.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The records on their own, and reading files from disk. */
class SettingsRecordsTest {

    @Test
    void constructorsValidateWithoutALoader() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> new OptimSettings(0.001, 0, 1, 1, 0, 1));
        assertEquals("batch_size must be >= 1, found 0", e.getMessage());
        assertEquals(Optional.of("batch_size"), e.key());
        e = assertThrows(SettingsException.class, () -> new LossSettings(LossType.BCE, LossType.L1,
                LossType.BCE, DiscriminatorNorm.INSTANCE, Optional.empty(), Double.NaN, 0));
        assertEquals("cyc_weight must be a number >= 0, found NaN", e.getMessage());
    }

    @Test
    void listsAreCopied() {
        List<Integer> shape = new ArrayList<>(List.of(32, 32, 16));
        DataSettings d = new DataSettings("age", "image", "id", Normalizer.ZSCORE, shape,
                Augmentation.OFF, false, "memory_only", 0);
        shape.set(0, 1);
        assertEquals(List.of(32, 32, 16), d.inputShape());
        assertArrayEquals(new int[] {32, 32, 16}, d.inputShapeArray());
        assertEquals(3, d.dimensions());
        assertEquals("MEMORY_ONLY", d.cacheStorageLevel());
    }

    @Test
    void generatedRunName() {
        RunSettings unnamed = new RunSettings(1, "runs", Optional.empty());
        Instant t = Instant.parse("2026-01-25T10:30:00Z");
        assertEquals("train-task-20260125T103000Z", unnamed.runNameOr(Job.TRAIN_TASK, t));
        assertEquals("mine", new RunSettings(1, "runs", Optional.of("mine")).runNameOr(Job.INFER, t));
    }

    @Test
    void jobsByCommand() {
        assertEquals(Job.DA_BIDIRECTIONAL, Job.fromCommand("da-bidirectional"));
        assertEquals("unknown job 'train'; expected one of train-task, da-unidirectional,"
                + " da-bidirectional, infer",
                assertThrows(IllegalArgumentException.class, () -> Job.fromCommand("train")).getMessage());
    }

    @Test
    void localJsonIsStrictJsonAndConfIsHocon(@TempDir Path dir) throws IOException {
        String body = "# HOCON comment\ntrain_set = a.tsv\ntest_set = b.tsv\n";
        Path conf = Files.writeString(dir.resolve("my.conf"), body);
        Path json = Files.writeString(dir.resolve("my.json"), body);
        assertEquals(ConfigSource.Format.HOCON, ConfigSource.readLocal(conf).format());
        assertEquals("a.tsv", ((TaskTrainingSettings) Loading.load(Job.TRAIN_TASK,
                ConfigSource.readLocal(conf))).trainSet());
        SettingsException e = assertThrows(SettingsException.class,
                () -> Loading.load(Job.TRAIN_TASK, ConfigSource.readLocal(json)));
        assertTrue(e.getMessage().startsWith("cannot parse " + json + ": 1: "), e.getMessage());
    }

    @Test
    void closestMatch() {
        assertEquals(Optional.of("learning_rate"), ClosestMatch.among("LEARNING_RATE", List.of("nf", "learning_rate")));
        assertEquals(Optional.of("siteA_train"), ClosestMatch.among("sitea_trian", List.of("siteA_train", "siteB_train")));
        assertEquals(Optional.empty(), ClosestMatch.among("colour", List.of("nf", "epochs")));
    }
}
