package org.istn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One broken input per validation branch, with the exact message a user sees. */
class ValidationMessageTest {

    private static final String AT = " (from my.json, line 1)";

    private static String message(Executable e) {
        return assertThrows(SettingsException.class, e).getMessage();
    }

    private static String train(String entries) {
        return message(() -> Loading.json(Job.TRAIN_TASK,
                "{\"train_set\": \"a.tsv\", \"test_set\": \"b.tsv\", " + entries + "}"));
    }

    private static String uni(String entries) {
        return message(() -> Loading.json(Job.DA_UNIDIRECTIONAL, "{\"siteA_train\": \"a\","
                + " \"siteA_val\": \"b\", \"siteB_train\": \"c\", \"siteB_val\": \"d\", " + entries + "}"));
    }

    private static String infer(String entries) {
        return message(() -> Loading.json(Job.INFER,
                "{\"test_set\": \"t.tsv\", \"task_model\": \"m.zip\", " + entries + "}"));
    }

    @Test
    void unknownKeySuggestsTheClosest() {
        String m = message(() -> Loading.json(Job.TRAIN_TASK,
                "{\"train_set\": \"a\",\n \"test_set\": \"b\",\n \"learning_rat\": 0.1}"));
        assertEquals("unknown key 'learning_rat' in my.json, line 3: did you mean 'learning_rate'?", m);
    }

    @Test
    void unknownKeyWithoutAnythingCloseListsTheKeys() {
        assertTrue(train("\"colour\": 1").startsWith("unknown key 'colour' in my.json, line 1; the keys of"
                + " train-task are augmentation, augmentation_flip, augmentation_max_shift, averaging_frequency,"));
    }

    @Test
    void keyOfAnotherJobSaysWhichJob() {
        assertEquals("unknown key 'cyc_loss' in my.json, line 1: cyc_loss is a key of da-bidirectional,"
                + " not of da-unidirectional", uni("\"cyc_loss\": \"l1\""));
    }

    @Test
    void unknownKeyIsReportedBeforeBadValues() {
        assertEquals("unknown key 'epoch' in my.json, line 1: did you mean 'epochs'?",
                train("\"epoch\": 3, \"batch_size\": 0"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"batch_size\": \"eight\"   | batch_size must be an integer, found \"eight\"",
        "\"epochs\": 2.5             | epochs must be an integer, found 2.5",
        "\"nf\": [4]                 | nf must be an integer, found [4]",
        "\"learning_rate\": \"fast\" | learning_rate must be a number, found \"fast\"",
        "\"augmentation\": 2         | augmentation must be a boolean (true/false or 1/0), found 2",
        "\"skip_bad\": \"maybe\"     | skip_bad must be a boolean (true/false or 1/0), found \"maybe\"",
        "\"input_shape\": \"abc\"    | input_shape must be a list of integers, such as [64, 64, 64], found \"abc\"",
        "\"input_shape\": [64, 6.5]  | input_shape must be a list of integers, such as [64, 64, 64], found [64,6.5]",
        "\"label_key\": null         | label_key must be a string, found null",
    })
    void wrongTypes(String entry, String expected) {
        assertEquals(expected + AT, train(entry));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"learning_rate\": 0            | learning_rate must be a number > 0, found 0",
        "\"learning_rate\": -0.001       | learning_rate must be a number > 0, found -0.001",
        "\"batch_size\": 0               | batch_size must be >= 1, found 0",
        "\"epochs\": 0                   | epochs must be >= 1, found 0",
        "\"val_interval\": 0             | val_interval must be >= 1, found 0",
        "\"early_stopping_epochs\": -1   | early_stopping_epochs must be >= 0, found -1",
        "\"averaging_frequency\": 0      | averaging_frequency must be >= 1, found 0",
        "\"num_classes\": 0              | num_classes must be >= 1, found 0",
        "\"nf\": 0                       | nf must be >= 1, found 0",
        "\"num_dataset_workers\": -1     | num_dataset_workers must be >= 0, found -1",
        "\"augmentation_max_shift\": -2  | augmentation_max_shift must be >= 0, found -2",
        "\"input_shape\": [64]           | input_shape must have 2 or 3 entries (a 2D or 3D image), found [64]",
        "\"input_shape\": [64, 0, 64]    | input_shape entries must be integers >= 1, found [64, 0, 64]",
        "\"normalizer\": \"log\"         | normalizer must be one of tanh, none, zscore, minmax, found \"log\"",
        "\"run_name\": \"a/b\"           | run_name must contain only letters, digits, '.', '_' and '-' (it names a folder), found \"a/b\"",
        "\"output_dir\": \" \"           | output_dir must not be empty",
    })
    void outOfRange(String entry, String expected) {
        assertEquals(expected + AT, train(entry));
    }

    @Test
    void pathOfTheWrongType() {
        assertEquals("train_set must be a string, or 0/none for none, found true" + AT,
                message(() -> Loading.json(Job.TRAIN_TASK, "{\"train_set\": true}")));
    }

    @Test
    void storageLevel() {
        assertEquals("cache_storage_level must be a Spark StorageLevel name (NONE, DISK_ONLY, DISK_ONLY_2,"
                + " DISK_ONLY_3, MEMORY_ONLY, MEMORY_ONLY_2, MEMORY_ONLY_SER, MEMORY_ONLY_SER_2,"
                + " MEMORY_AND_DISK, MEMORY_AND_DISK_2, MEMORY_AND_DISK_SER, MEMORY_AND_DISK_SER_2,"
                + " OFF_HEAP), found \"RAM\"" + AT, train("\"cache_storage_level\": \"RAM\""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"stn\": \"rigid\"           | stn must be one of affine, bspline, none (or 0 for none), found \"rigid\"",
        "\"stn\": 2                   | stn must be one of affine, bspline, none (or 0 for none), found 2",
        "\"max_displacement\": 1.5    | max_displacement must be between 0 and 1 (a fraction of the image extent), found 1.5",
        "\"max_displacement\": -0.1   | max_displacement must be between 0 and 1 (a fraction of the image extent), found -0.1",
        "\"gan_loss\": \"wgan\"       | gan_loss must be one of bce, mse, l1, found \"wgan\"",
        "\"idt_loss\": \"l2\"         | idt_loss must be one of bce, mse, l1, found \"l2\"",
        "\"dis_loss\": \"hinge\"      | dis_loss must be one of bce, mse, l1, found \"hinge\"",
        "\"dis_norm\": \"batch\"      | dis_norm must be one of instance, none, found \"batch\"",
        "\"cyc_weight\": -1           | cyc_weight must be a number >= 0, found -1",
        "\"cp_spacing\": [8, 0, 8]    | cp_spacing entries must be integers >= 1, found [8, 0, 8]",
        "\"files\": \"a.py\"          | files must be a list of strings, found \"a.py\"",
    })
    void domainAdaptation(String entry, String expected) {
        assertEquals(expected + AT, uni(entry));
    }

    @Test
    void cycleLoss() {
        String m = message(() -> Loading.json(Job.DA_BIDIRECTIONAL, "{\"siteA_train\": \"a\","
                + " \"siteA_val\": \"b\", \"siteB_train\": \"c\", \"siteB_val\": \"d\", \"cyc_loss\": \"l3\"}"));
        assertEquals("cyc_loss must be one of bce, mse, l1, found \"l3\"" + AT, m);
    }

    @Test
    void bsplineGridNeedsOneSpacingPerAxis() {
        assertEquals("cp_spacing must have one entry per axis of input_shape [64, 64] when stn is bspline,"
                + " found [8, 8, 8]" + AT,
                uni("\"stn\": \"bspline\", \"input_shape\": [64, 64], \"cp_spacing\": [8, 8, 8]"));
    }

    @Test
    void affineIgnoresTheGridLength() {
        DomainAdaptationSettings s = (DomainAdaptationSettings) Loading.json(Job.DA_UNIDIRECTIONAL,
                "{\"siteA_train\": \"a\", \"siteA_val\": \"b\", \"siteB_train\": \"c\", \"siteB_val\": \"d\","
                        + " \"stn\": \"affine\", \"input_shape\": [64, 64]}");
        assertEquals(2, s.data().dimensions());
    }

    @Test
    void modelSelectionIsSourceOrTarget() {
        assertEquals("model_selection must be one of source | target, found \"labels\"" + AT,
                uni("\"model_selection\": \"labels\""));
    }

    @Test
    void modelSelectionTargetIsReadAndWrittenBack() {
        DomainAdaptationSettings s = (DomainAdaptationSettings) Loading.json(Job.DA_UNIDIRECTIONAL,
                "{\"siteA_train\": \"a\", \"siteA_val\": \"b\", \"siteB_train\": \"c\", \"siteB_val\": \"d\","
                        + " \"model_selection\": \"Target\"}");
        assertEquals(ModelSelection.TARGET, s.selection());
        assertEquals("target", s.toConfigMap().get("model_selection"));
    }

    @Test
    void finetuneNeedsATaskModel() {
        assertEquals("finetune is true but task_model is none: fine-tuning starts from a trained task"
                + " model, so set task_model to its path or set finetune to 0" + AT,
                uni("\"finetune\": 1, \"task_model\": 0"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"thresholds\": [0.01, -0.05]  | thresholds must be numbers >= 0, found [0.01, -0.05]",
        "\"thresholds\": 0.05           | thresholds must be a list of numbers, such as [0.01, 0.05], found 0.05",
        "\"batch_size\": 0              | batch_size must be >= 1, found 0",
    })
    void inference(String entry, String expected) {
        assertEquals(expected + AT, infer(entry));
    }

    @Test
    void missingRequiredManifestNamesTheKeyAndHowToSetIt() {
        String m = message(() -> Loading.json(Job.TRAIN_TASK, "{\"test_set\": \"b.tsv\"}"));
        assertEquals("train_set is required for train-task but has no value; set it in the config file,"
                + " with --train_set VALUE or with ISTN_TRAIN_SET", m);
        m = message(() -> Loading.json(Job.TRAIN_TASK, "{\"train_set\": \"\", \"test_set\": \"b.tsv\"}"));
        assertEquals("train_set is required for train-task but has no value; set it in the config file,"
                + " with --train_set VALUE or with ISTN_TRAIN_SET" + AT, m);
        m = message(() -> Loading.json(Job.DA_UNIDIRECTIONAL, "{\"siteA_train\": \"a\", \"siteA_val\": \"b\","
                + " \"siteB_train\": \"c\", \"siteB_val\": 0}"));
        assertEquals("siteB_val is required for da-unidirectional but has no value; set it in the config"
                + " file, with --siteB_val VALUE or with ISTN_SITEB_VAL" + AT, m);
        m = message(() -> Loading.json(Job.INFER, "{\"test_set\": \"t.tsv\", \"task_model\": \"none\"}"));
        assertEquals("task_model is required for infer but has no value; set it in the config file,"
                + " with --task_model VALUE or with ISTN_TASK_MODEL" + AT, m);
    }

    @Test
    void unknownIstnEnvironmentVariable() {
        String m = message(() -> SettingsLoader.load(Job.TRAIN_TASK, Optional.empty(),
                Map.of(), Map.of("ISTN_LEARNING_RAT", "0.1")));
        assertEquals("unknown environment variable ISTN_LEARNING_RAT: no job has a config key"
                + " 'learning_rat'; did you mean ISTN_LEARNING_RATE? (ISTN_<KEY> variables set config"
                + " keys; ISTN_HOME, ISTN_JAR, ISTN_MASTER, ISTN_PYTHON, ISTN_SKIP_BUILD are launcher"
                + " variables and ignored)", m);
    }

    @Test
    void originsOfEnvironmentAndCommandLineValues() {
        Map<String, String> required = Loading.REQUIRED.get("train-task");
        assertEquals("batch_size must be >= 1, found 0 (from environment variable ISTN_BATCH_SIZE)",
                message(() -> SettingsLoader.load(Job.TRAIN_TASK, Optional.empty(), required,
                        Map.of("ISTN_BATCH_SIZE", "0"))));
        Map<String, String> cli = new java.util.HashMap<>(required);
        cli.put("batch_size", "-3");
        assertEquals("batch_size must be >= 1, found -3 (from the command line)",
                message(() -> Loading.cli(Job.TRAIN_TASK, cli)));
        cli.put("batch_size", "4");
        cli.put("learning_rat", "0.1");
        assertEquals("unknown key 'learning_rat' in the command line: did you mean 'learning_rate'?",
                message(() -> Loading.cli(Job.TRAIN_TASK, cli)));
    }

    @Test
    void badHoconValueInTheEnvironment() {
        String m = message(() -> SettingsLoader.load(Job.TRAIN_TASK, Optional.empty(), Map.of(),
                Map.of("ISTN_INPUT_SHAPE", "[32,")));
        assertTrue(m.startsWith("cannot read the value of input_shape from environment variable"
                + " ISTN_INPUT_SHAPE as a HOCON value: [32, ("), m);
    }

    @Test
    void unparsableFileNamesTheFileAndLine() {
        String m = message(() -> Loading.json(Job.TRAIN_TASK, "{\"train_set\": \"a\",\n \"epochs\": }"));
        assertTrue(m.startsWith("cannot parse my.json: 2: "), m);
    }

    @Test
    void theExceptionCarriesTheKey() {
        SettingsException e = assertThrows(SettingsException.class, () -> Loading.json(Job.TRAIN_TASK,
                "{\"train_set\": \"a\", \"test_set\": \"b\", \"nf\": 0}"));
        assertEquals(Optional.of("nf"), e.key());
    }

    @Test
    void configFileExtension() {
        String m = message(() -> ConfigSource.readLocal(java.nio.file.Path.of("settings.yaml")));
        assertEquals("config file settings.yaml must end in .json (JSON) or .conf (HOCON)", m);
        m = message(() -> ConfigSource.readLocal(java.nio.file.Path.of("does-not-exist.json")));
        assertEquals("config file does-not-exist.json does not exist", m);
    }
}
