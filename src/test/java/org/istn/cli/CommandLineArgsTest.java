package org.istn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.istn.cli.CommandLineArgs.Flag;
import org.istn.cli.CommandLineArgs.Spec;
import org.istn.cli.CommandLineArgs.UsageException;
import org.istn.config.Job;
import org.junit.jupiter.api.Test;

class CommandLineArgsTest {

    private static final Spec SMALL = Spec.of("demo", List.of(
            Flag.toggle("png", "write PNGs"),
            Flag.toggle("stn", "apply the STN"),
            Flag.valued("dev", "DEVICE", "device")),
            Set.of("epochs", "stn", "input_shape"));

    private static String error(Spec spec, String... args) {
        return assertThrows(UsageException.class, () -> CommandLineArgs.parse(spec, args)).getMessage();
    }

    @Test
    void configFileOverridesFlagsAndPositionals() {
        CommandLineArgs a = CommandLineArgs.parse(Spec.forJob(Job.TRAIN_TASK), "--config", "my.json",
                "--learning_rate", "0.001", "--batch_size=4", "--conf", "input_shape=[32,32]",
                "--model_type", "regressor", "--skip_bad", "extra", "--", "--not-an-option");
        assertEquals("train-task", a.command());
        assertEquals(Optional.of("my.json"), a.configPath());
        assertEquals(Map.of("learning_rate", "0.001", "batch_size", "4", "input_shape", "[32,32]",
                "skip_bad", "true", "model_type", "regressor"), a.configOverrides());
        assertEquals(Optional.of("regressor"), a.flag("model_type"));
        assertTrue(a.isSet("skip_bad"));
        assertEquals(List.of("extra", "--not-an-option"), a.positional());
        assertFalse(a.helpRequested());
    }

    @Test
    void laterOptionsWin() {
        CommandLineArgs a = CommandLineArgs.parse(SMALL, "--epochs", "3", "--conf", "epochs=5");
        assertEquals(Map.of("epochs", "5"), a.configOverrides());
        a = CommandLineArgs.parse(Spec.forJob(Job.INFER), "--num_dataset_workers", "2",
                "--conf", "num_dataset_workers=3", "--skip_bad=false");
        assertEquals(Map.of("num_dataset_workers", "3", "skip_bad", "false"), a.configOverrides());
        assertEquals(Optional.of("2"), a.flag("num_dataset_workers"));
        assertFalse(a.isSet("skip_bad"));
    }

    @Test
    void aDeclaredFlagShadowsTheConfigKey() {
        CommandLineArgs a = CommandLineArgs.parse(SMALL, "--stn", "--conf", "stn=affine", "--png");
        assertTrue(a.isSet("stn"));
        assertTrue(a.isSet("png"));
        assertEquals(Map.of("stn", "affine"), a.configOverrides());
        assertEquals("--stn is a switch of istn demo and takes no value (or true/false), found 'affine';"
                + " to set the config key stn use --conf stn=affine", error(SMALL, "--stn=affine"));
    }

    @Test
    void valuesMayStartWithASingleDash() {
        CommandLineArgs a = CommandLineArgs.parse(SMALL, "--epochs", "-1", "--dev", "cpu");
        assertEquals(Map.of("epochs", "-1"), a.configOverrides());
        assertEquals(Optional.of("cpu"), a.flag("dev"));
    }

    @Test
    void help() {
        assertTrue(CommandLineArgs.parse(SMALL, "-h").helpRequested());
        assertTrue(CommandLineArgs.parse(Spec.forJob(Job.INFER), "--help").helpRequested());
        String usage = Spec.forJob(Job.INFER).usage();
        assertTrue(usage.startsWith("usage: istn infer [options]\n"), usage);
        assertTrue(usage.contains("  --stn "), usage);
    }

    @Test
    void declaredFlagsPerJob() {
        assertEquals(Set.of("help", "skip_bad", "dev", "num_dataset_workers", "master", "model_type", "resume"),
                Spec.forJob(Job.TRAIN_TASK).flags().keySet());
        assertEquals(Set.of("help", "skip_bad", "dev", "num_dataset_workers", "master", "itn", "stn", "save_images"),
                Spec.forJob(Job.INFER).flags().keySet());
        for (Job j : List.of(Job.DA_UNIDIRECTIONAL, Job.DA_BIDIRECTIONAL)) {
            assertEquals(Set.of("help", "skip_bad", "dev", "num_dataset_workers", "master", "nii", "png",
                    "B2A", "resume", "model_type"), Spec.forJob(j).flags().keySet());
        }
        assertEquals(Job.DA_BIDIRECTIONAL.keys(), Spec.forJob(Job.DA_BIDIRECTIONAL).configKeys());
    }

    @Test
    void unknownOptionNamesItAndListsTheAllowedOnes() {
        String allowed = "\nallowed: --config PATH, --conf KEY=VALUE, --dev DEVICE, --png, --stn,"
                + " and --KEY VALUE for the config keys epochs, input_shape, stn";
        assertEquals("unknown option --epoch for istn demo: did you mean --epochs?" + allowed,
                error(SMALL, "--epoch", "3"));
        assertEquals("unknown option --colour for istn demo" + allowed, error(SMALL, "--colour=red"));
        assertEquals("unknown option -x for istn demo" + allowed, error(SMALL, "-x"));
    }

    @Test
    void malformedOptions() {
        assertEquals("option --epochs of istn demo needs a value", error(SMALL, "--epochs"));
        assertEquals("option --dev of istn demo needs a value", error(SMALL, "--dev", "--png"));
        assertEquals("--conf needs KEY=VALUE, found 'epochs'", error(SMALL, "--conf", "epochs"));
        assertEquals("unknown config key 'epoch' in --conf epoch=3 for istn demo: did you mean 'epochs'?"
                + "\nconfig keys: epochs, input_shape, stn", error(SMALL, "--conf", "epoch=3"));
        assertEquals("--config given twice (a.json and b.conf); merge the files or set single keys with"
                + " --conf KEY=VALUE", error(SMALL, "--config", "a.json", "--config=b.conf"));
    }
}
