package org.istn.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Command-line parsing of {@code istn bench}: defaults, every option, and the exact error messages. */
class BenchOptionsTest {

    @Test
    void defaultsRunEveryNetworkOnTheThreeNamedSettings() {
        BenchOptions o = BenchOptions.defaults();
        assertEquals(Workloads.NAMES, o.networks());
        assertEquals(List.of("2d", "3d4", "3d16"), o.settings().stream().map(BenchSetting::name).toList());
        assertEquals(3, o.steps());
        assertEquals(1, o.warmup());
        assertEquals(6, o.nf());
        assertEquals(32, o.nfDiscriminator());
        assertEquals(4, o.nfTask());
        assertEquals(0.1, o.maxDisplacement());
        assertEquals(4, o.cpSpacingFor(BenchSetting.parse("2d")));
        assertEquals(8, o.cpSpacingFor(BenchSetting.parse("3d16")));
        assertEquals(Optional.empty(), o.out());
        assertTrue(o.gcBetweenSteps());
    }

    @Test
    void everyOptionIsRead() {
        BenchOptions o = BenchOptions.parse(new String[] {"--only", "classifier,itn", "--settings=3d16,16x16:2",
            "--steps", "3", "--warmup", "0", "--nf", "2", "--nf-d", "8", "--nf-task", "1", "--max-displacement",
            "0.2", "--cp-spacing", "3", "--max-other", "0.5", "--no-gc", "--profile", "--out", "report.md"})
                .orElseThrow();
        assertEquals(List.of("classifier", "itn"), o.networks());
        assertEquals(2, o.settings().size());
        BenchSetting custom = o.settings().get(1);
        assertArrayEquals(new int[] {16, 16}, custom.inputShape());
        assertEquals(2, custom.batch());
        assertEquals(3, o.steps());
        assertEquals(0, o.warmup());
        assertEquals(2, o.nf());
        assertEquals(8, o.nfDiscriminator());
        assertEquals(1, o.nfTask());
        assertEquals(0.2, o.maxDisplacement());
        assertEquals(3, o.cpSpacingFor(custom));
        assertEquals(0.5, o.maxOtherCores());
        assertTrue(o.profile());
        assertTrue(!o.gcBetweenSteps());
        assertEquals(Optional.of("report.md"), o.out());
    }

    @Test
    void namedAndCustomSettings() {
        BenchSetting s2 = BenchSetting.parse("2d");
        assertArrayEquals(new int[] {28, 28}, s2.inputShape());
        assertEquals(64, s2.batch());
        assertEquals(4, BenchSetting.parse("3d4").batch());
        BenchSetting s3 = BenchSetting.parse("32x24x16:8");
        assertArrayEquals(new int[] {32, 24, 16}, s3.inputShape());
        assertEquals("32x24x16 b8", s3.describe());
    }

    @Test
    void helpGivesNoOptions() {
        assertTrue(BenchOptions.parse(new String[] {"--steps", "2", "-h"}).isEmpty());
    }

    @Test
    void badCommandLinesSayWhatWasExpected() {
        assertEquals("--only: unknown network 'lenet'; expected one of " + String.join(", ", Workloads.NAMES),
                fails("--only", "lenet"));
        assertEquals("--settings: unknown setting '4d'; expected one of 2d, 3d4, 3d16 or a custom"
                + " XxY[xZ]:BATCH such as 16x16:2", fails("--settings", "4d"));
        assertEquals("--settings: setting 2x16:1: every axis must be >= 4, found [2, 16]",
                fails("--settings", "2x16:1"));
        assertEquals("--steps is 0; expected at least 1", fails("--steps", "0"));
        assertEquals("--warmup is 'many'; expected a whole number", fails("--warmup", "many"));
        assertEquals("option --nf-d needs a value", fails("--nf-d"));
        assertEquals("--max-displacement is 2.0; expected a number in [0, 1]", fails("--max-displacement", "2"));
        assertTrue(fails("--fast").startsWith("unknown option '--fast'; expected one of --only, --settings"));
    }

    private static String fails(String... args) {
        return assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse(args)).getMessage();
    }
}
