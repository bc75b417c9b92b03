package org.istn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.istn.brain.BrainCohortOptions;
import org.istn.brain.Pose;
import org.istn.brain.SiteProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code istn make-brain-cohort}: registration, help, option parsing, exact errors and exit codes. */
class BrainCohortCommandTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "make-brain-cohort";
        System.arraycopy(args, 0, all, 1, args.length);
        return IstnMain.run(all, Map.of(), new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryOption() {
        assertEquals(0, run("--help"));
        for (String o : new String[] {"--template PATH", "--out DIR", "--size N", "--fov MM", "--train N", "--val N",
                "--test N", "--seed N", "--scale-min S", "--scale-max S", "--warp MM", "--warp-spacing MM",
                "--s-bias B", "--s-gamma G", "--s-noise SD", "--s-blur SIGMA", "--s-rotation RX,RY,RZ",
                "--s-translation TX,TY,TZ", "--t-bias B", "--t-gamma G", "--t-noise SD", "--t-blur SIGMA",
                "--t-rotation RX,RY,RZ", "--t-translation TX,TY,TZ", "--s-magnification M", "--t-magnification M",
                "--threads N", "--force"}) {
            assertTrue(out().contains(o), o + " in\n" + out());
        }
        assertTrue(out().contains("(default 3,-2,6)"), "T's rotation default shown:\n" + out());
    }

    @Test
    void parsesEveryOption() {
        BrainCohortOptions o = MakeBrainCohortCommand.parse(new String[] {"--template", "/t.nii.gz", "--out=x/y",
                "--size", "32", "--fov", "200", "--train", "10", "--val", "4", "--test=6", "--seed", "-3",
                "--scale-min", "0.9", "--scale-max", "1.2", "--warp", "3", "--warp-spacing", "30",
                "--s-bias", "0.05", "--s-gamma", "1.1", "--s-noise", "0.01", "--s-blur", "0", "--s-rotation", "1,0,-1",
                "--s-translation", "0,1,0", "--t-bias", "0.4", "--t-gamma", "0.6", "--t-noise", "0.1", "--t-blur",
                "1.5", "--t-rotation", "-5, 4 ,10", "--t-translation", "3,-2,0.5", "--t-magnification", "1.1",
                "--threads", "3", "--force"})
                .orElseThrow();
        assertEquals(new BrainCohortOptions(Path.of("/t.nii.gz"), Path.of("x/y"), 32, 200, 10, 4, 6, -3, 0.9, 1.2, 3, 30,
                new SiteProfile(0.05, 1.1, 0.01, 0, new Pose(1, 0, -1, 0, 1, 0)),
                new SiteProfile(0.4, 0.6, 0.1, 1.5, new Pose(-5, 4, 10, 3, -2, 0.5, 1.1)), 3, true, 50), o);
        assertEquals(BrainCohortOptions.defaults(), MakeBrainCohortCommand.parse(new String[0]).orElseThrow());
        assertTrue(MakeBrainCohortCommand.parse(new String[] {"--size", "8", "-h"}).isEmpty(), "help wins");
    }

    @Test
    void badOptionsExitWithTwoAndSayWhy() {
        String[][] cases = {
            {"unknown option --sise: did you mean --size?", "--sise", "32"},
            {"--size must be a whole number, found 'big'", "--size", "big"},
            {"--size must be between 8 and 256, found 4", "--size", "4"},
            {"--fov must be between 50 and 500 mm, found 20.0", "--fov", "20"},
            {"--train must be between 1 and 100000, found 0", "--train", "0"},
            {"--seed must be a whole number, found '1.5'", "--seed", "1.5"},
            {"--scale-max must be above --scale-min (0.85) and at most 2, found 0.8", "--scale-max", "0.8"},
            {"--warp must be between 0 and 2/15 of --warp-spacing (5.333 mm for 40.0 mm), so that no control point"
                    + " moves more than 0.4 of the spacing, found 6.0", "--warp", "6"},
            {"--t-gamma must be between 0.2 and 5, found 9.0", "--t-gamma", "9"},
            {"--s-noise must be a number, found 'lots'", "--s-noise", "lots"},
            {"--t-rotation must be three comma-separated numbers RX,RY,RZ, found '1,2'", "--t-rotation", "1,2"},
            {"--t-rotation must be at most 30 degrees about each axis, found 45.0", "--t-rotation", "0,45,0"},
            {"--t-translation must be at most an eighth of --fov (32.0 mm) along each axis, found 40.0",
                "--t-translation", "40,0,0"},
            {"--s-blur must be between 0 and 20 mm, found 25.0", "--s-blur", "25"},
            {"--t-magnification must be between 0.8 and 1.25, found 1.5", "--t-magnification", "1.5"},
            {"--s-magnification must be a number, found 'big'", "--s-magnification", "big"},
            {"--threads must be between 1 and 256, found 0", "--threads", "0"},
            {"option --out needs a value (DIR)", "--out"},
            {"--force is a switch and takes no value, found '--force=yes'", "--force=yes"},
            {"unexpected argument 'extra'; make-brain-cohort takes options only", "extra"},
        };
        for (String[] c : cases) {
            outBytes.reset();
            errBytes.reset();
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            assertEquals(2, run(args), String.join(" ", args));
            assertTrue(err().startsWith("istn make-brain-cohort: " + c[0] + "\n")
                    || err().startsWith("istn make-brain-cohort: " + c[0] + ";"), "expected '" + c[0] + "' in\n" + err());
        }
    }

    @Test
    void aMissingTemplateExitsWithOneAndSaysHowToGetIt() {
        Path t = tmp.resolve("ch2bet.nii.gz");
        Path o = tmp.resolve("cohort");
        assertEquals(1, run("--template", t.toString(), "--out", o.toString(), "--size", "16"));
        assertEquals("istn make-brain-cohort: template not found: " + t + "; install Colin27 with 'apt-get install"
                + " mricron-data' (it provides /usr/share/mricron/templates/ch2bet.nii.gz) or pass --template PATH"
                + " (a skull-stripped 3D T1 NIfTI)\n", err());
        assertFalse(Files.exists(o));
    }

    @Test
    void listedAmongTheCommands() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        assertEquals(0, IstnMain.run(new String[] {"--help"}, Map.of(), new PrintStream(b, true, StandardCharsets.UTF_8),
                System.err));
        assertTrue(b.toString(StandardCharsets.UTF_8).contains("make-brain-cohort"));
    }
}
