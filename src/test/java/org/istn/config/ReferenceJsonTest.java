package org.istn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** JSON files in the reference tool's format load unchanged, values included. */
class ReferenceJsonTest {

    @Test
    void taskTraining() {
        TaskTrainingSettings s = (TaskTrainingSettings) Loading.load(Job.TRAIN_TASK,
                Loading.resource("reference_task_training.json"));
        assertEquals("data/camcan/train.tsv", s.trainSet());
        assertEquals("data/camcan/val.tsv", s.testSet());
        assertEquals("CamCAN", s.datasetName());
        assertEquals(new OptimSettings(0.00005, 8, 100, 5, 10, 5), s.optim());
        assertEquals(Normalizer.TANH, s.data().normalizer());
        assertEquals(List.of(64, 64, 64), s.data().inputShape());
        assertEquals("age", s.data().labelKey());
        assertEquals(new NetworkSettings(4, 1), s.network());
        assertTrue(s.data().augmentation().enabled());
    }

    @Test
    void unidirectional() {
        DomainAdaptationSettings s = (DomainAdaptationSettings) Loading.load(Job.DA_UNIDIRECTIONAL,
                Loading.resource("reference_unidirectional.json"));
        assertFalse(s.bidirectional());
        assertEquals(Job.DA_UNIDIRECTIONAL, s.job());
        assertEquals(new SiteSettings("CamCAN", "data/camcan/train.tsv", "data/camcan/val.tsv"), s.siteA());
        assertEquals(new SiteSettings("UKBB", "hdfs://namenode:8020/cohorts/ukbb/train.tsv",
                "hdfs://namenode:8020/cohorts/ukbb/val.tsv"), s.siteB());
        assertEquals(Optional.empty(), s.taskModel());
        assertFalse(s.finetune());
        assertTrue(s.data().augmentation().enabled());
        assertEquals(new NetworkSettings(6, 1), s.network());
        assertEquals(new StnSettings(StnType.AFFINE, 0.1, List.of(8, 8, 8)), s.stn());
        assertEquals(new OptimSettings(0.0001, 16, 50, 5, 10, 5), s.optim());
        assertEquals(new LossSettings(LossType.BCE, LossType.L1, LossType.BCE, DiscriminatorNorm.INSTANCE, Optional.empty(),
                50, 0),
                s.losses());
        assertEquals(List.of("train_unidirectional.py", "models.py"), s.files());
    }

    @Test
    void bidirectional() {
        DomainAdaptationSettings s = (DomainAdaptationSettings) Loading.load(Job.DA_BIDIRECTIONAL,
                Loading.resource("reference_bidirectional.json"));
        assertTrue(s.bidirectional());
        assertEquals(Optional.of("runs/task_camcan/model_best.zip"), s.taskModel());
        assertTrue(s.finetune());
        assertFalse(s.data().augmentation().enabled());
        assertEquals("s3a://cohorts/ukbb/val.tsv", s.siteB().val());
        assertEquals(new StnSettings(StnType.BSPLINE, 0.2, List.of(16, 16, 16)), s.stn());
        assertEquals(Optional.of(LossType.L1), s.losses().cyc());
        assertEquals(50.0, s.losses().cycWeight());
        assertEquals(3, s.files().size());
    }

    @Test
    void inference() {
        InferenceSettings s = (InferenceSettings) Loading.load(Job.INFER,
                Loading.resource("reference_inference.json"));
        assertEquals("data/ukbb/test.tsv", s.testSet());
        assertEquals("runs/task_camcan/model_best.zip", s.taskModel());
        assertEquals(Optional.of("runs/uni_camcan_ukbb/itn_best.zip"), s.itnPath());
        assertEquals(StnType.NONE, s.stn().type());
        assertEquals(Optional.empty(), s.stnPath());
        assertEquals(List.of(0.01, 0.05, 0.10), s.thresholds());
        assertEquals(new NetworkSettings(4, 1), s.network());
        assertEquals(8, s.batchSize());
    }

    @Test
    void theSameKeysLoadFromHocon() {
        String hocon = """
                # the reference's keys, HOCON syntax
                train_set = data/camcan/train.tsv
                test_set = data/camcan/val.tsv
                augmentation = 0
                learning_rate = 5e-5
                input_shape = [32, 32]
                """;
        TaskTrainingSettings s = (TaskTrainingSettings) Loading.load(Job.TRAIN_TASK,
                ConfigSource.of(hocon, "my.conf"));
        assertEquals("data/camcan/train.tsv", s.trainSet());
        assertFalse(s.data().augmentation().enabled());
        assertEquals(0.00005, s.optim().learningRate());
        assertEquals(2, s.data().dimensions());
    }

    @Test
    void noneSpellings() {
        for (String none : List.of("0", "false", "null", "\"\"", "\"none\"", "\"NONE\"")) {
            InferenceSettings s = (InferenceSettings) Loading.json(Job.INFER, "{\"test_set\": \"t.tsv\","
                    + " \"task_model\": \"m.zip\", \"stn\": " + none + ", \"itn_path\": " + none + "}");
            assertEquals(StnType.NONE, s.stn().type(), none);
            assertEquals(Optional.empty(), s.itnPath(), none);
        }
    }

    @Test
    void booleanSpellings() {
        for (String yes : List.of("1", "true", "\"true\"", "\"yes\"", "\"on\"", "\"1\"")) {
            JobSettings s = Loading.json(Job.TRAIN_TASK, "{\"train_set\": \"a\", \"test_set\": \"b\","
                    + " \"skip_bad\": " + yes + "}");
            assertTrue(s.data().skipBad(), yes);
        }
        for (String no : List.of("0", "false", "\"false\"", "\"no\"", "\"off\"", "\"0\"")) {
            JobSettings s = Loading.json(Job.TRAIN_TASK, "{\"train_set\": \"a\", \"test_set\": \"b\","
                    + " \"augmentation_flip\": " + no + "}");
            assertFalse(s.data().augmentation().flip(), no);
        }
    }
}
