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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.istn.io.manifest.ManifestReader;
import org.istn.io.manifest.ManifestRow;
import org.istn.io.nifti.NiftiReader;
import org.istn.io.nifti.NiftiVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset builder on a small synthetic MNIST held in memory: manifests and their columns,
 * disjoint subjects, images equal to the domain transforms of the right MNIST image, atomic
 * output after a failure, and refusal to overwrite.
 */
class MorphoMnistBuildTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    /** 40 training and 20 test "digits": strokes of varying width, labels i % 10. */
    static MnistData synthetic() {
        return new MnistData(images("train", 40), labels("train-labels", 40), images("test", 20),
                labels("test-labels", 20));
    }

    private static IdxReader.Images images(String name, int n) {
        byte[] px = new byte[n * 28 * 28];
        for (int i = 0; i < n; i++) {
            double width = 1.8 + 0.1 * (i % 15);
            float[] img = i % 2 == 0 ? MorphoStrokeTest.seven(width) : MorphoStrokeTest.zero(width);
            for (int k = 0; k < img.length; k++) {
                px[i * 784 + k] = (byte) Math.round(img[k] * 255);
            }
        }
        return new IdxReader.Images(name, n, 28, 28, px);
    }

    private static IdxReader.Labels labels(String name, int n) {
        byte[] l = new byte[n];
        for (int i = 0; i < n; i++) {
            l[i] = (byte) (i % 10);
        }
        return new IdxReader.Labels(name, l);
    }

    private MorphoMnistOptions options(Path out) {
        return MorphoMnistOptions.defaults().withOut(out).withSizes(6, 3, 4).withSeed(11);
    }

    @Test
    void manifestsHaveTheColumnsAndDisjointSubjects() throws IOException {
        Path out = tmp.resolve("ds");
        MnistData data = synthetic();
        MorphoMnist.Result r = MorphoMnist.build(options(out), data, log);
        assertEquals(out.toAbsolutePath(), r.root());
        Set<String> ids = new HashSet<>();
        Set<String> mnistIndices = new HashSet<>();
        DomainStyle style = new DomainStyle(options(out));
        for (Domain d : Domain.values()) {
            for (Split s : Split.values()) {
                Path manifest = r.manifest(d, s);
                assertEquals(out.resolve(d.folder()).resolve(s.fileName() + ".tsv").toAbsolutePath(), manifest);
                List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
                assertEquals("id\timage\tdigit\tparity\tdomain", lines.get(0));
                int expected = s == Split.TRAIN ? 6 : s == Split.VAL ? 3 : 4;
                assertEquals(expected + 1, lines.size(), manifest.toString());
                for (String line : lines.subList(1, lines.size())) {
                    String[] c = line.split("\t", -1);
                    assertEquals(5, c.length, line);
                    assertTrue(ids.add(c[0]), "duplicate id " + c[0]);
                    String set = s == Split.TEST ? "t10k" : "train";
                    assertTrue(c[0].matches(d.folder() + "-" + set + "-\\d{5}"), c[0]);
                    int index = Integer.parseInt(c[0].substring(c[0].lastIndexOf('-') + 1));
                    assertTrue(mnistIndices.add(set + index), "MNIST " + set + " image " + index + " used twice");
                    assertEquals("images/" + c[0] + ".nii.gz", c[1]);
                    assertEquals(index % 10, Integer.parseInt(c[2]), "digit of " + c[0]);
                    assertEquals(Integer.parseInt(c[2]) % 2, Integer.parseInt(c[3]), "parity of " + c[0]);
                    assertEquals(d.folder(), c[4]);
                    NiftiVolume v = NiftiReader.read(manifest.getParent().resolve(c[1]));
                    assertArrayEquals(new int[] {28, 28}, v.shape());
                    float[] want = style.render(d, data.images(s == Split.TEST).image(index), 28, 28).image();
                    assertArrayEquals(want, v.data(), c[0] + " is the " + d.folder() + " version of MNIST " + set
                            + " image " + index);
                    for (float x : v.data()) {
                        assertTrue(x >= 0f && x <= 1f, c[0] + " value " + x);
                    }
                }
            }
        }
        assertEquals(26, ids.size());
        assertTrue(MorphoMnist.isComplete(out));
        String meta = Files.readString(out.resolve(MorphoMnist.MARKER));
        assertTrue(meta.contains("\"sizes\": {\"train\": 6, \"val\": 3, \"test\": 4}"), meta);
        MorphoMnist.Thickness src = r.thickness().get(Domain.SOURCE);
        MorphoMnist.Thickness tgt = r.thickness().get(Domain.TARGET);
        assertEquals(6, src.images());
        assertTrue(src.morphed() < 0.7 * src.original(), "thinned: " + src);
        assertTrue(tgt.morphed() > 1.6 * tgt.original(), "thickened: " + tgt);
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("26/26 images (target test)"),
                logBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theProjectsManifestReaderAcceptsTheManifests() throws IOException {
        MorphoMnist.Result r = MorphoMnist.build(options(tmp.resolve("ds")), synthetic(), log);
        for (Domain d : Domain.values()) {
            ManifestReader.Result m = new ManifestReader("id", "image")
                    .read(r.manifest(d, Split.VAL).toString(), new Configuration());
            assertEquals(List.of(), m.badRows());
            assertEquals(3, m.manifest().size());
            for (ManifestRow row : m.manifest().rows()) {
                Path image = Path.of(java.net.URI.create(row.image()));
                assertTrue(Files.isRegularFile(image), row.image());
                assertEquals(r.root().resolve(d.folder()).resolve("images").resolve(row.id() + ".nii.gz"), image);
                assertEquals(Integer.parseInt(row.cell("digit")) % 2, Integer.parseInt(row.cell("parity")));
            }
        }
    }

    @Test
    void sameSeedSameDatasetOtherSeedOtherChoice() throws IOException {
        MorphoMnist.Result a = MorphoMnist.build(options(tmp.resolve("a")), synthetic(), log);
        MorphoMnist.Result b = MorphoMnist.build(options(tmp.resolve("b")), synthetic(), log);
        MorphoMnist.Result c = MorphoMnist.build(options(tmp.resolve("c")).withSeed(12), synthetic(), log);
        String ta = Files.readString(a.manifest(Domain.TARGET, Split.TRAIN));
        assertEquals(ta, Files.readString(b.manifest(Domain.TARGET, Split.TRAIN)));
        assertFalse(ta.equals(Files.readString(c.manifest(Domain.TARGET, Split.TRAIN))));
    }

    @Test
    void aFailureHalfwayLeavesNothingThatLooksComplete() throws IOException {
        Path out = tmp.resolve("ds");
        IOException e = assertThrows(IOException.class, () -> MorphoMnist.build(options(out), synthetic(), log,
                (done, total) -> {
                    if (done == 15) {
                        throw new IOException("disk full (simulated)");
                    }
                }));
        assertEquals("disk full (simulated)", e.getMessage());
        assertFalse(Files.exists(out));
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(), s.toList(), "no temporary folder is left behind");
        }
    }

    @Test
    void refusesToOverwriteWithoutForceAndReplacesWithIt() throws IOException {
        Path out = tmp.resolve("ds");
        MorphoMnist.build(options(out), synthetic(), log);
        OutputExistsException e = assertThrows(OutputExistsException.class,
                () -> MorphoMnist.build(options(out), synthetic(), log));
        assertEquals(out + " already exists and holds a complete dataset; not overwritten (pass --force to"
                + " replace it)", e.getMessage());
        Files.writeString(out.resolve("stale.txt"), "old");
        MorphoMnist.build(options(out).withForce(true).withSizes(2, 1, 1), synthetic(), log);
        assertFalse(Files.exists(out.resolve("stale.txt")), "the old dataset is gone");
        assertEquals(3, Files.readAllLines(out.resolve("source/train.tsv")).size());
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(out), s.toList(), "no temporary or old folder is left behind");
        }
        Path foreign = Files.createDirectories(tmp.resolve("home"));
        e = assertThrows(OutputExistsException.class,
                () -> MorphoMnist.build(options(foreign).withForce(true), synthetic(), log));
        assertEquals(foreign + " exists but has no morpho-mnist.json, so it is not a make-morpho-mnist dataset;"
                + " not replaced even with --force: remove it yourself or choose another --out", e.getMessage());
    }

    @Test
    void tooFewMnistImagesForTheSizesAsked() {
        MorphoMnistOptions o = MorphoMnistOptions.defaults().withOut(tmp.resolve("x")).withSizes(15, 6, 4);
        MorphoMnistException e = assertThrows(MorphoMnistException.class, () -> MorphoMnist.build(o, synthetic(), log));
        assertEquals("the source domain needs 21 MNIST training images (train + val) but has only 20 (half of 40)",
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void fullSizeChoiceIsDisjointBetweenDomains() throws IOException {
        MorphoMnistOptions o = MorphoMnistOptions.defaults().withSizes(29_000, 1000, 5000);
        Set<Integer> train = new HashSet<>();
        Set<Integer> test = new HashSet<>();
        for (Domain d : Domain.values()) {
            var m = Subjects.choose(d, 60_000, 10_000, o);
            for (int i : m.get(Split.TRAIN)) {
                assertTrue(train.add(i));
            }
            for (int i : m.get(Split.VAL)) {
                assertTrue(train.add(i));
            }
            for (int i : m.get(Split.TEST)) {
                assertTrue(test.add(i) && i >= 0 && i < 10_000);
            }
        }
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
    }

    @Test
    void optionErrorsNameTheOption() {
        MorphoMnistOptions d = MorphoMnistOptions.defaults();
        assertEquals("--train must be between 1 and 29500, found 30000 (each domain draws train + val from its 30000"
                + " MNIST training images)",
                assertThrows(IllegalArgumentException.class, () -> d.withSizes(30_000, 500, 10)).getMessage());
        assertEquals("--test must be between 1 and 5000, found 0 (each domain draws from its 5000 MNIST test images)",
                assertThrows(IllegalArgumentException.class, () -> d.withSizes(10, 10, 0)).getMessage());
    }
}
