package org.istn.brain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.istn.io.manifest.Manifest;
import org.istn.io.manifest.ManifestReader;
import org.istn.io.manifest.ManifestRow;
import org.istn.io.nifti.NiftiReader;
import org.istn.io.nifti.NiftiVolume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BrainCohort#build} on the phantom template (20³, 3/2/2 subjects per site): the layout,
 * manifests the project's own reader accepts with both labels, images that match their rows,
 * balanced classes, disjoint sites, the metadata and preview; the same output again is reused,
 * another output refused or replaced with force; results independent of the thread count; a
 * failure leaves nothing behind.
 */
class BrainCohortBuildTest {

    @TempDir
    static Path dir;

    private static Path phantom;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @BeforeAll
    static void writePhantom() throws IOException {
        phantom = BrainPhantom.write(dir);
    }

    private static BrainCohortOptions options(String out) {
        return BrainPhantom.options(phantom, dir.resolve(out));
    }

    @Test
    void writesManifestsImagesMetadataAndPreview() throws Exception {
        BrainCohortOptions o = options("cohort");
        BrainCohort.Result r = BrainCohort.build(o, QUIET);
        assertFalse(r.reused());
        assertEquals(14, r.subjects());
        Path root = o.out().toAbsolutePath().normalize();
        assertEquals(root, r.root());
        assertTrue(BrainCohort.isComplete(root));
        Set<String> ids = new HashSet<>();
        double threshold = JSON.readTree(root.resolve(BrainCohort.MARKER).toFile()).get("labels")
                .get("volume_threshold_ml").asDouble();
        assertEquals(r.thresholdMl(), threshold, 1e-9);
        for (Site site : Site.values()) {
            Set<String> listed = new HashSet<>();
            for (Split split : Split.values()) {
                Path m = r.manifest(site, split);
                assertEquals(root.resolve(site.folder()).resolve(split.fileName() + ".tsv"), m);
                Manifest man = new ManifestReader("id", "image").read(m.toUri().toString(), new Configuration()).manifest();
                assertEquals(List.of("id", "image", "size_class", "volume", "scale", "domain"), man.columns());
                assertEquals(o.count(split), man.size());
                int ones = 0;
                for (ManifestRow row : man.rows()) {
                    assertTrue(ids.add(row.id()), "ids unique across sites and splits: " + row.id());
                    assertTrue(row.id().startsWith(site.folder() + "-" + split.fileName() + "-"), row.id());
                    assertEquals(site.folder(), row.cell("domain"));
                    assertEquals("images/" + row.id() + ".nii.gz", row.cell("image"));
                    int cls = Integer.parseInt(row.cell("size_class"));
                    double vol = Double.parseDouble(row.cell("volume"));
                    double s = Double.parseDouble(row.cell("scale"));
                    ones += cls;
                    assertEquals(cls == 1, vol > threshold, row.id() + ": class vs volume " + vol);
                    assertEquals(cls == 1, s > o.scaleThreshold(), row.id() + ": class vs scale " + s);
                    NiftiVolume v = NiftiReader.read(Path.of(java.net.URI.create(row.image())));
                    assertArrayEquals(new int[] {20, 20, 20}, v.shape(), row.id());
                    assertArrayEquals(new double[] {8, 8, 8}, v.header().voxelSize(), 1e-9, row.id());
                    float min = Float.MAX_VALUE;
                    float max = -Float.MAX_VALUE;
                    for (float x : v.data()) {
                        min = Math.min(min, x);
                        max = Math.max(max, x);
                    }
                    assertTrue(min >= 0 && max <= 1 && max > 0.9, row.id() + ": intensities in [0, 1]: " + min + " " + max);
                    listed.add(root.relativize(Path.of(java.net.URI.create(row.image()))).toString());
                }
                assertEquals(o.count(split) / 2, ones, site + " " + split + " balanced");
            }
            try (Stream<Path> files = Files.list(root.resolve(site.folder()).resolve("images"))) {
                Set<String> onDisk = new HashSet<>();
                files.forEach(f -> onDisk.add(root.relativize(f).toString()));
                assertEquals(listed, onDisk, "every image is in a manifest and every row has its image");
            }
        }
        byte[] png = Files.readAllBytes(root.resolve(BrainCohort.PREVIEW));
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
        JsonNode meta = JSON.readTree(root.resolve(BrainCohort.MARKER).toFile());
        assertEquals(CohortMetadata.sha256(phantom), meta.get("template").get("sha256").asText());
        assertEquals(20, meta.get("parameters").get("size").asInt());
        assertEquals(1.5, meta.get("parameters").get("sites").get("T").get("gamma").asDouble());
        assertEquals(3, meta.get("sites").get("T").get("splits").get("train").get("subjects").asInt());
        assertEquals(1, meta.get("sites").get("T").get("splits").get("train").get("size_class_1").asInt());
        try (Stream<Path> siblings = Files.list(dir)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".cohort")), "no temporary folder left");
        }
    }

    @Test
    void sameOutputIsReusedOtherOutputRefusedOrReplacedWithForce() throws Exception {
        BrainCohortOptions o = options("again");
        BrainCohort.build(o, QUIET);
        Path marker = o.out().resolve(BrainCohort.MARKER);
        FileTime t0 = Files.getLastModifiedTime(marker);
        BrainCohort.Result same = BrainCohort.build(o.withThreads(2), QUIET);
        assertTrue(same.reused(), "the same parameters (threads do not matter) find the cohort complete");
        assertEquals(t0, Files.getLastModifiedTime(marker), "nothing rewritten");

        BrainCohortOptions other = o.withSeed(7);
        BrainCohortException e = assertThrows(BrainCohortException.class, () -> BrainCohort.build(other, QUIET));
        assertEquals(o.out().toAbsolutePath().normalize() + " already holds a brain cohort made with other parameters"
                + " (seed: 42 → 7); not overwritten: pass --force to replace it or choose another --out", e.getMessage());
        BrainCohort.Result replaced = BrainCohort.build(other.withForce(true), QUIET);
        assertFalse(replaced.reused());
        assertEquals(7, JSON.readTree(marker.toFile()).get("parameters").get("seed").asInt());

        Path notCohort = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(notCohort.resolve("notes.txt"), "keep me");
        BrainCohortException e2 = assertThrows(BrainCohortException.class,
                () -> BrainCohort.build(options("mine").withForce(true), QUIET));
        assertEquals(notCohort.toAbsolutePath().normalize() + " exists but has no brain-cohort.json, so it is not a"
                + " complete make-brain-cohort output; not replaced: remove it yourself or choose another --out",
                e2.getMessage());
        assertEquals("keep me", Files.readString(notCohort.resolve("notes.txt")));
    }

    @Test
    void theThreadCountDoesNotChangeTheCohortButTheSeedDoes() throws Exception {
        BrainCohort.build(options("one").withSizes(2, 1, 1), QUIET);
        BrainCohort.build(options("two").withSizes(2, 1, 1).withThreads(2), QUIET);
        BrainCohort.build(options("seed").withSizes(2, 1, 1).withSeed(9), QUIET);
        for (Site site : Site.values()) {
            for (String id : new String[] {site + "-train-0000", site + "-train-0001", site + "-test-0000"}) {
                String f = site.folder() + "/images/" + id + ".nii.gz";
                float[] a = NiftiReader.read(dir.resolve("one").resolve(f)).data();
                assertArrayEquals(a, NiftiReader.read(dir.resolve("two").resolve(f)).data(), 0f, f);
                assertFalse(java.util.Arrays.equals(a, NiftiReader.read(dir.resolve("seed").resolve(f)).data()), f);
            }
            assertEquals(Files.readString(dir.resolve("one").resolve(site.folder()).resolve("train.tsv")),
                    Files.readString(dir.resolve("two").resolve(site.folder()).resolve("train.tsv")));
        }
    }

    @Test
    void aFailureLeavesNoOutputAndNoTemporaryFolder() throws Exception {
        BrainCohortOptions o = options("broken").withSizes(2, 1, 1);
        IOException e = assertThrows(IOException.class, () -> BrainCohort.build(o, QUIET, (done, total) -> {
            if (done == 3) {
                throw new IOException("disk full (simulated) after 3 of " + total + " subjects");
            }
        }));
        assertEquals("disk full (simulated) after 3 of 8 subjects", e.getMessage());
        assertFalse(Files.exists(o.out()));
        try (Stream<Path> siblings = Files.list(dir)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".broken")), "no temporary folder left");
        }
    }

    @Test
    void aMissingTemplateSaysHowToGetColin27() {
        BrainCohortOptions o = options("none").withTemplate(dir.resolve("absent.nii.gz"));
        BrainCohortException e = assertThrows(BrainCohortException.class, () -> BrainCohort.build(o, QUIET));
        assertEquals("template not found: " + dir.resolve("absent.nii.gz") + "; install Colin27 with 'apt-get install"
                + " mricron-data' (it provides /usr/share/mricron/templates/ch2bet.nii.gz) or pass --template PATH"
                + " (a skull-stripped 3D T1 NIfTI)", e.getMessage());
        assertFalse(Files.exists(o.out()));
    }
}
