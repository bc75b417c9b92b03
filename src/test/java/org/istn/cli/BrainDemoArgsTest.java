package org.istn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.istn.demo.BrainDemoOptions;
import org.istn.demo.DemoOptions;
import org.junit.jupiter.api.Test;

/** {@code istn demo --cohort brain}'s command line, and the cohort switch of {@code istn demo}. */
class BrainDemoArgsTest {

    @Test
    void cohortBrainSelectsTheBrainDemoAnywhereOnTheLine() {
        assertTrue(DemoCommand.isBrain(new String[] {"--cohort", "brain"}));
        assertTrue(DemoCommand.isBrain(new String[] {"--quick", "--seed", "3", "--cohort", "brain"}));
        assertFalse(DemoCommand.isBrain(new String[] {"--cohort", "morpho-mnist"}));
        assertFalse(DemoCommand.isBrain(new String[] {"--quick"}));
        assertFalse(DemoCommand.isBrain(new String[] {"--cohort"}));
        // the Morpho-MNIST demo accepts its own name and nothing else
        assertEquals(DemoOptions.defaults(), DemoCommand.parse(new String[] {"--cohort", "morpho-mnist"}));
        assertEquals("--cohort must be morpho-mnist or brain, found \"mri\"", assertThrows(
                IllegalArgumentException.class, () -> DemoCommand.parse(new String[] {"--cohort", "mri"})).getMessage());
    }

    @Test
    void optionsOverrideTheDefaultsAndQuickStartsFromTheSmallRun() {
        assertEquals(BrainDemoOptions.defaults(), BrainDemoArgs.parse(new String[] {"--cohort", "brain"}));
        BrainDemoOptions o = BrainDemoArgs.parse(new String[] {"--cohort", "brain", "--quick", "--size", "24",
            "--train", "20", "--task_epochs", "3", "--da_epochs", "2", "--batch", "2", "--stn", "bspline", "--no-itn",
            "--seed", "7", "--out", "/tmp/b", "--template", "/t/ch2bet.nii.gz", "--master", "local[1]",
            "--t-magnification", "1.05"});
        assertEquals(1.05, o.magnification(), 0);
        assertEquals(BrainDemoOptions.DEFAULT_MAGNIFICATION, BrainDemoOptions.defaults().magnification(), 0);
        assertEquals(24, o.size());
        assertEquals(20, o.train());
        assertEquals(BrainDemoOptions.quick().val(), o.val());
        assertEquals(BrainDemoOptions.quick().test(), o.test());
        assertEquals(3, o.taskEpochs());
        assertEquals(2, o.daEpochs());
        assertEquals(2, o.batch());
        assertEquals("bspline", o.stn());
        assertFalse(o.itn());
        assertEquals(7, o.seed());
        assertEquals(Path.of("/tmp/b"), o.out());
        assertEquals(Path.of("/t/ch2bet.nii.gz"), o.template());
        assertEquals("local[1]", o.master());
        assertEquals(Path.of("runs/demo-brain-quick"), BrainDemoArgs.parse(new String[] {"--quick", "--cohort",
            "brain"}).out());
        assertNull(BrainDemoArgs.parse(new String[] {"--cohort", "brain", "--help"}));
    }

    @Test
    void badOptionsExitWithTheBrainUsage() {
        assertEquals("--label belongs to the Morpho-MNIST demo, not to --cohort brain", assertThrows(
                IllegalArgumentException.class, () -> BrainDemoArgs.parse(new String[] {"--cohort", "brain", "--label",
                    "parity"})).getMessage());
        assertEquals("--size takes an integer >= 1, found \"big\"", assertThrows(IllegalArgumentException.class,
                () -> BrainDemoArgs.parse(new String[] {"--cohort", "brain", "--size", "big"})).getMessage());
        assertEquals("--size must be a multiple of 8 between 16 and 64 (the networks halve the grid three times),"
                + " found 12", assertThrows(IllegalArgumentException.class,
                        () -> BrainDemoArgs.parse(new String[] {"--cohort", "brain", "--size", "12"})).getMessage());
        assertEquals("--t-magnification takes a number, found \"x\"", assertThrows(IllegalArgumentException.class,
                () -> BrainDemoArgs.parse(new String[] {"--cohort", "brain", "--t-magnification", "x"})).getMessage());
        assertEquals("--cohort given twice: brain and morpho-mnist", assertThrows(IllegalArgumentException.class,
                () -> BrainDemoArgs.parse(new String[] {"--cohort", "brain", "--cohort", "morpho-mnist"})).getMessage());

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = IstnMain.run(new String[] {"demo", "--cohort", "brain", "--mnist", "/m"}, Map.of(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(IstnMain.USAGE, code);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("istn demo: --mnist belongs to the Morpho-MNIST demo, not to --cohort brain"), e);
        assertTrue(e.contains("usage: istn demo --cohort brain [options]"), e);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(IstnMain.OK, IstnMain.run(new String[] {"demo", "--cohort", "brain", "--help"}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream())));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--template PATH"), out.toString());
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        assertEquals(IstnMain.OK, IstnMain.run(new String[] {"demo", "--help"}, Map.of(),
                new PrintStream(plain, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream())));
        assertTrue(plain.toString(StandardCharsets.UTF_8).contains("--cohort morpho-mnist|brain"), plain.toString());
    }
}
