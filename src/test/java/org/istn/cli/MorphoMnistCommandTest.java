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
import org.istn.morpho.MorphoMnistOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code istn make-morpho-mnist}: registration, help, option parsing and exit codes. */
class MorphoMnistCommandTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "make-morpho-mnist";
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
        for (String o : new String[] {"--out DIR", "--mnist DIR", "--cache DIR", "--train N", "--val N", "--test N",
                "--seed N", "--thin A", "--thick A", "--rotation DEG", "--scale S", "--gamma G",
                "--intensity-scale K", "--intensity-offset B", "--force"}) {
            assertTrue(out().contains(o), o + " in\n" + out());
        }
    }

    @Test
    void parsesEveryOption() {
        MorphoMnistOptions o = MakeMorphoMnistCommand.parse(new String[] {"--out", "x/y", "--mnist=/m", "--cache", "/c",
                "--train", "10", "--val", "5", "--test=7", "--seed", "-3", "--thin", "0.5", "--thick", "1.5",
                "--rotation", "-20", "--scale", "0.9", "--gamma", "2", "--intensity-scale", "0.5",
                "--intensity-offset", "-0.1", "--force", "--npm", "/bin/npm"}).orElseThrow();
        assertEquals(new MorphoMnistOptions(Path.of("x/y"), java.util.Optional.of(Path.of("/m")), Path.of("/c"),
                "/bin/npm", 10, 5, 7, -3, 0.5, 1.5, -20, 0.9, 2, 0.5, -0.1, true, 500), o);
        assertEquals(MorphoMnistOptions.defaults(), MakeMorphoMnistCommand.parse(new String[0]).orElseThrow());
    }

    @Test
    void badOptionsExitWithTwoAndSayWhy() {
        assertEquals(2, run("--trian", "5"));
        assertTrue(err().contains("unknown option --trian: did you mean --train?"), err());
        assertEquals(2, run("--train", "many"));
        assertTrue(err().contains("--train must be a whole number, found 'many'"), err());
        assertEquals(2, run("--thin", "1.2"));
        assertTrue(err().contains("--thin must be a fraction of the stroke thickness, 0 < thin < 1, found 1.2"), err());
        assertEquals(2, run("--out"));
        assertTrue(err().contains("option --out needs a value (DIR)"), err());
        assertEquals(2, run("extra"));
        assertTrue(err().contains("unexpected argument 'extra'"), err());
    }

    @Test
    void missingMnistFilesExitWithOne() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("mnist"));
        assertEquals(1, run("--mnist", empty.toString(), "--out", tmp.resolve("ds").toString()));
        assertTrue(err().contains("istn make-morpho-mnist: MNIST folder " + empty + " lacks train-images-idx3-ubyte(.gz)"),
                err());
        assertFalse(Files.exists(tmp.resolve("ds")));
    }

    @Test
    void existingOutputWithoutForceExitsWithOneBeforeAnyDownload() throws Exception {
        Path ds = Files.createDirectories(tmp.resolve("ds"));
        assertEquals(1, run("--out", ds.toString(), "--npm", tmp.resolve("no-npm").toString(),
                "--cache", tmp.resolve("cache").toString()));
        assertTrue(err().contains(ds + " already exists; not overwritten (pass --force to replace it)"), err());
        assertFalse(Files.exists(tmp.resolve("cache")), "nothing fetched");
    }
}
