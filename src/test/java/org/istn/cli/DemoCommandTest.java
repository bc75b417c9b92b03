package org.istn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.istn.demo.DemoOptions;
import org.junit.jupiter.api.Test;

/** {@code istn demo}'s command line. */
class DemoCommandTest {

    @Test
    void optionsOverrideTheDefaultsAndQuickStartsFromTheSmallRun() {
        DemoOptions o = DemoCommand.parse(new String[] {"--quick", "--label", "parity", "--stn", "bspline", "--no-itn",
                "--train", "300", "--seed", "7", "--out", "/tmp/x", "--mnist", "/m", "--bidirectional"});
        assertEquals("parity", o.label());
        assertEquals(true, o.bidirectional());
        assertEquals(false, DemoOptions.defaults().bidirectional());
        assertEquals("bspline", o.stn());
        assertEquals(false, o.itn());
        assertEquals(300, o.train());
        assertEquals(DemoOptions.quick().val(), o.val());
        assertEquals(7, o.seed());
        assertEquals(Path.of("/tmp/x"), o.out());
        assertEquals(Path.of("/m"), o.mnistDir().orElseThrow());
        assertEquals(DemoOptions.defaults(), DemoCommand.parse(new String[0]));
        assertNull(DemoCommand.parse(new String[] {"--help"}));
    }

    @Test
    void badOptionsExitWithUsage() {
        assertEquals("--train takes an integer >= 1, found \"0\"", assertThrows(IllegalArgumentException.class,
                () -> DemoCommand.parse(new String[] {"--train", "0"})).getMessage());
        assertEquals("--seed needs a value", assertThrows(IllegalArgumentException.class,
                () -> DemoCommand.parse(new String[] {"--seed"})).getMessage());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = IstnMain.run(new String[] {"demo", "--bogus"}, Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err));
        assertEquals(IstnMain.USAGE, code);
        assertTrue(err.toString().contains("istn demo: unknown option --bogus"), err.toString());
    }
}
