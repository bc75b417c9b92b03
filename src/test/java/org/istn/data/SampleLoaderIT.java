package org.istn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.istn.config.Normalizer;
import org.istn.io.manifest.BadInputException;
import org.istn.io.manifest.BadRow;
import org.istn.io.manifest.BadRowReport;
import org.istn.io.nifti.NiftiVolume;
import org.istn.testing.Fixtures;
import org.istn.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Loading manifests and volumes through Spark (local[2]) from the local filesystem. */
class SampleLoaderIT {

    private static JavaSparkContext sc;
    private static final Configuration CONF = new Configuration();
    private static final int[] SHAPE = {6, 5, 4};
    private static final int[] INPUT = {3, 3, 2};

    @TempDir
    Path dir;

    @BeforeAll
    static void spark() {
        sc = TestSpark.context();
    }

    private static SampleLoader.Options options(boolean skipBad) {
        return new SampleLoader.Options("id", "image", "age", true, new Preprocessor(INPUT, Normalizer.NONE), skipBad,
                StorageLevel.MEMORY_AND_DISK_SER(), 0);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void loadsResamplesLabelsAndCachesEveryRow() throws IOException {
        StringBuilder m = new StringBuilder("id\timage\tage\tsex\n");
        List<NiftiVolume> volumes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            NiftiVolume v = Fixtures.volume(SHAPE, 10 * i);
            volumes.add(v);
            String name = "imgs/s" + i + (i % 2 == 0 ? ".nii.gz" : ".nii");
            Files.createDirectories(dir.resolve("imgs"));
            Fixtures.put(file(name), Fixtures.bytes(v, i % 2 == 0), CONF);
            m.append("s").append(i).append('\t').append(name).append('\t').append(30 + i).append("\t1\n");
        }
        Fixtures.put(file("m.tsv"), m.toString(), CONF);

        SampleLoader.Loaded loaded = SampleLoader.load(sc, file("m.tsv"), options(false));

        assertEquals(5, loaded.count());
        assertTrue(loaded.badRows().isEmpty());
        assertEquals(StorageLevel.MEMORY_AND_DISK_SER(), loaded.samples().getStorageLevel());
        Map<String, Sample> byId = loaded.samples().collect().stream()
                .collect(Collectors.toMap(Sample::id, s -> s));
        for (int i = 0; i < 5; i++) {
            Sample s = byId.get("s" + i);
            assertArrayEquals(INPUT, s.shape());
            assertEquals(30f + i, s.label());
            assertEquals(i + 2, s.line());
            assertArrayEquals(Resampler.resample(volumes.get(i).data(), SHAPE, INPUT), s.image(), 0f);
        }
    }

    @Test
    void readsTheReferenceToolsHeaderlessManifest() throws IOException {
        Files.createDirectories(dir.resolve("images"));
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            Fixtures.put(file("images/CC" + i + "_image.nii.gz"), Fixtures.bytes(Fixtures.volume(SHAPE, i), true), CONF);
            m.append("CC").append(i).append(",./images/CC").append(i).append("_image.nii.gz,./images/CC").append(i)
                    .append("_mask.nii.gz,").append(40 + i).append(',').append(i % 2).append(",1\n");
        }
        Fixtures.put(file("filenames_train.tsv"), m.toString(), CONF);
        SampleLoader.Options sex = new SampleLoader.Options("id", "image", "sex", true,
                new Preprocessor(INPUT, Normalizer.TANH), false, StorageLevel.MEMORY_ONLY_SER(), 0);
        List<Sample> samples = new ArrayList<>(SampleLoader.load(sc, file("filenames_train.tsv"), sex).samples().collect());
        samples.sort(Comparator.comparing(Sample::id));
        assertEquals(List.of("CC0", "CC1", "CC2"), samples.stream().map(Sample::id).toList());
        assertEquals(List.of(0f, 1f, 0f), samples.stream().map(Sample::label).toList());
        for (Sample s : samples) {
            for (float v : s.image()) {
                assertTrue(v >= -1f && v <= 1f, "tanh-normalised");
            }
        }
    }

    /** One deliberately broken row per case: name, file name, file bytes (null = none), label, exact message tail. */
    static Stream<Arguments> brokenRows() throws IOException {
        NiftiVolume v = Fixtures.volume(SHAPE, 1);
        byte[] gz = Fixtures.bytes(v, true);
        byte[] nii = Fixtures.bytes(v, false);
        float[] nan = v.data().clone();
        nan[7] = Float.NaN;
        NiftiVolume withNan = NiftiVolume.create(SHAPE, nan, new double[] {1, 1, 1}, v.header().affine());
        return Stream.of(
                Arguments.of("missing file", "gone.nii.gz", null, "31", "image file not found: %f"),
                Arguments.of("truncated gzip", "trunc.nii.gz", Fixtures.truncate(gz, gz.length / 2), "31",
                        "%f: corrupt or truncated gzip stream (unexpected end of stream)"),
                Arguments.of("corrupt gzip", "corrupt.nii.gz", Fixtures.corrupt(gz, 20, 60), "31",
                        "%f: corrupt or truncated gzip stream (invalid bit length repeat)"),
                Arguments.of("bad magic", "magic.nii", Fixtures.withMagic(nii, "xyz\0"), "31",
                        "%f: not a NIfTI file (bad magic 'xyz', sizeof_hdr 348)"),
                Arguments.of("unsupported datatype", "complex.nii", Fixtures.withShort(nii, 70, 32), "31",
                        "%f: unsupported NIfTI datatype 32 (complex64); supported: uint8, int8, int16, uint16, "
                                + "int32, uint32, int64, uint64, float32, float64"),
                Arguments.of("bad header", "dims.nii", Fixtures.withShort(nii, 40, 0), "31",
                        "%f: dim[0] is 0; expected 1 to 7 (the number of dimensions)"),
                Arguments.of("NaN voxels", "nan.nii.gz", Fixtures.bytes(withNan, true), "31",
                        "%f: 1 non-finite voxel value (NaN or Infinity); the first is NaN at voxel (1, 1, 0)"),
                Arguments.of("dimensions that do not fit", "flat.nii.gz",
                        Fixtures.bytes(Fixtures.volume(new int[] {6, 5}, 0), true), "31",
                        "%f: image is 2D (6x5) but input_shape [3, 3, 2] is 3D"),
                Arguments.of("missing label", "ok1.nii.gz", gz, "", "missing label 'age'"),
                Arguments.of("non-numeric label", "ok2.nii.gz", gz, "abc", "label 'age' is not a number: 'abc'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRows")
    void aBrokenRowStopsTheLoadNamingManifestRowAndFile(String name, String fileName, byte[] bytes, String label,
            String tail) throws IOException {
        Fixtures.put(file("good.nii.gz"), Fixtures.bytes(Fixtures.volume(SHAPE, 0), true), CONF);
        if (bytes != null) {
            Fixtures.put(file(fileName), bytes, CONF);
        }
        Fixtures.put(file("m.tsv"), "id\timage\tage\nok\tgood.nii.gz\t30\nbad\t" + fileName + "\t" + label + "\n", CONF);
        BadInputException e = assertThrows(BadInputException.class,
                () -> SampleLoader.load(sc, file("m.tsv"), options(false)));
        String uri = "file:" + file(fileName);
        String expected = file("m.tsv") + " row 3 (id bad): " + tail.replace("%f", uri);
        assertEquals(expected, e.getMessage(), name);
        assertEquals(1, e.badRows().size());
    }

    @Test
    void labelsAreOptionalWhereTheJobSaysSo() throws IOException {
        Fixtures.put(file("a.nii.gz"), Fixtures.bytes(Fixtures.volume(SHAPE, 0), true), CONF);
        Fixtures.put(file("target.tsv"), "id\timage\na\ta.nii.gz\n", CONF);
        SampleLoader.Options optional = new SampleLoader.Options("id", "image", "age", false,
                new Preprocessor(INPUT, Normalizer.NONE), false, StorageLevel.MEMORY_ONLY(), 0);
        SampleLoader.Loaded loaded = SampleLoader.load(sc, file("target.tsv"), optional);
        assertEquals(false, loaded.labelled());
        assertTrue(Float.isNaN(loaded.samples().first().label()));
        assertEquals(file("target.tsv") + ": label column 'age' (label_key) not found; columns are [id, image]",
                assertThrows(BadInputException.class, () -> SampleLoader.load(sc, file("target.tsv"), options(false)))
                        .getMessage());
    }

    @Test
    void emptyManifestAndDuplicateIdsAreErrors() throws IOException {
        Fixtures.put(file("a.nii.gz"), Fixtures.bytes(Fixtures.volume(SHAPE, 0), true), CONF);
        Fixtures.put(file("empty.tsv"), "id\timage\tage\n", CONF);
        assertEquals(file("empty.tsv") + ": manifest has a header but no rows",
                assertThrows(BadInputException.class, () -> SampleLoader.load(sc, file("empty.tsv"), options(false)))
                        .getMessage());
        Fixtures.put(file("dup.tsv"), "id\timage\tage\ns1\ta.nii.gz\t1\ns1\ta.nii.gz\t2\n", CONF);
        assertEquals(file("dup.tsv") + " row 3 (id s1): duplicate id 's1' (first seen at row 2)",
                assertThrows(BadInputException.class, () -> SampleLoader.load(sc, file("dup.tsv"), options(false)))
                        .getMessage());
    }

    @Test
    void skipBadLeavesBrokenRowsOutAndReportsEachOne() throws IOException {
        List<Arguments> cases = brokenRows().toList();
        StringBuilder m = new StringBuilder("id\timage\tage\n");
        for (int i = 0; i < 2; i++) {
            Fixtures.put(file("good" + i + ".nii.gz"), Fixtures.bytes(Fixtures.volume(SHAPE, i), true), CONF);
            m.append("good").append(i).append("\tgood").append(i).append(".nii.gz\t").append(50 + i).append('\n');
        }
        for (int i = 0; i < cases.size(); i++) {
            Object[] a = cases.get(i).get();
            if (a[2] != null) {
                Fixtures.put(file((String) a[1]), (byte[]) a[2], CONF);
            }
            m.append("bad").append(i).append('\t').append(a[1]).append('\t').append(a[3]).append('\n');
        }
        m.append("bad-dup\tgood0.nii.gz\t1\nbad-dup\tgood1.nii.gz\t1\n");
        Fixtures.put(file("m.tsv"), m.toString(), CONF);

        SampleLoader.Loaded loaded = SampleLoader.load(sc, file("m.tsv"), options(true));

        assertEquals(3, loaded.count(), "two good rows and the first bad-dup row (a good file)");
        assertEquals(List.of("bad-dup", "good0", "good1"),
                loaded.samples().map(Sample::id).collect().stream().sorted().toList());
        List<BadRow> bad = loaded.badRows();
        assertEquals(cases.size() + 1, bad.size());
        for (int i = 0; i < cases.size(); i++) {
            Object[] a = cases.get(i).get();
            BadRow r = bad.get(i);
            assertEquals(i + 4, r.line());
            assertEquals("bad" + i, r.id());
            String tail = ((String) a[4]).replace("%f", "file:" + file((String) a[1]));
            assertEquals(tail, r.reason(), (String) a[0]);
        }
        assertEquals("duplicate id 'bad-dup' (first seen at row " + (cases.size() + 4) + ")",
                bad.get(cases.size()).reason());

        String report = file("out/bad_rows.tsv");
        BadRowReport.write(bad, report, CONF);
        List<String> lines = Files.readAllLines(Path.of(report));
        assertEquals(BadRowReport.HEADER, lines.get(0));
        assertEquals(bad.size() + 1, lines.size());
        assertEquals(file("m.tsv") + "\t4\tbad0\tfile:" + file("gone.nii.gz") + "\timage file not found: file:"
                + file("gone.nii.gz"), lines.get(1));
        assertTrue(Files.list(dir.resolve("out")).allMatch(p -> p.getFileName().toString().equals("bad_rows.tsv")),
                "no temporary file left behind");
    }
}
