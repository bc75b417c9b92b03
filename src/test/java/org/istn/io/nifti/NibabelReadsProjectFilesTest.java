package org.istn.io.nifti;

import static org.istn.io.nifti.NiftiAssertions.assertMatrix;
import static org.istn.io.nifti.NiftiAssertions.assertSameFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by the project (every datatype, gzipped or not, NIfTI-1 and -2, both byte orders,
 * 2D / 3D / 4D with one volume, several geometries and a scaled integer case) load in nibabel
 * (see {@code src/test/python/nifti_nibabel_load.py}) with the same data, shape, zooms and
 * affine.
 *
 * <p>Tolerances: voxels 0 (the values are exactly representable in each target type); zooms 0
 * against what the project reads back, relative 1e-6 against the float64 voxel sizes given
 * (NIfTI-1 stores float32); affine 1e-9 against the project's own reading of the file, relative
 * 1e-6 against the matrix given.
 */
class NibabelReadsProjectFilesTest {

    @TempDir
    static Path dir;

    /** What each file was made from: the in-memory volume and the options. */
    private record Case(NiftiVolume volume, NiftiWriteOptions options) {}

    private static final Map<String, Case> CASES = new LinkedHashMap<>();
    private static Map<String, Map<String, String>> loaded;

    @BeforeAll
    static void writeAndLoad() throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        int i = 0;
        for (NiftiDatatype type : NiftiDatatype.values()) {
            for (int version = 1; version <= 2; version++) {
                for (boolean gz : new boolean[] {false, true}) {
                    i++;
                    ByteOrder order = i % 3 == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                    NiftiVolume v = volume(i, type, rng);
                    String name = String.format("%s_v%d_%s_%d%s", type.typeName(), version,
                            order == ByteOrder.BIG_ENDIAN ? "be" : "le", i, gz ? ".nii.gz" : ".nii");
                    add(name, v, new NiftiWriteOptions(gz, type, version, order));
                }
            }
        }
        // an integer type with a scaling chosen by the caller: raw = (v - inter) / slope
        float[] scaled = new float[5 * 4 * 3];
        for (int k = 0; k < scaled.length; k++) {
            scaled[k] = (float) ((k * 37 % 200 - 100) * 0.5 - 10.25);
        }
        NiftiVolume sv = NiftiVolume.create(new int[] {5, 4, 3}, scaled, new double[] {1, 1, 1},
                null);
        sv = sv.withHeader(sv.header().withScaling(0.5, -10.25));
        add("int16_scaled.nii.gz", sv, NiftiWriteOptions.defaults(true)
                .withDatatype(NiftiDatatype.INT16));
        PythonScripts.run("nifti_nibabel_load.py", dir.toString());
        loaded = PythonScripts.manifest(dir.resolve("loaded.tsv"));
    }

    private static void add(String name, NiftiVolume v, NiftiWriteOptions options)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
            NiftiWriter.write(v, out, options);
        }
        CASES.put(name, new Case(v, options));
    }

    /** A small volume whose values the target type holds exactly, with the type's extremes. */
    private static NiftiVolume volume(int i, NiftiDatatype type, SplittableRandom rng) {
        int kind = i % 3;
        int[] shape = kind == 0 ? new int[] {7, 5} : new int[] {5, 4, 3};
        double[] voxel = kind == 0 ? new double[] {0.9, 1.1} : new double[] {1.25, 0.5, 2.0};
        float[] data = new float[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int k = 0; k < data.length; k++) {
            data[k] = type.isInteger()
                    ? (float) Math.rint(type.minValue() + rng.nextDouble()
                            * Math.min(type.maxValue() - type.minValue(), 1e6)) + 0.0f
                    : (float) (rng.nextGaussian() * 1000); // + 0.0f: integers have no -0.0
        }
        data[0] = (float) type.minValue();
        data[1] = (float) type.maxValue();
        double[][] affine = geometry(i % 4, voxel);
        NiftiVolume v = NiftiVolume.create(shape, data, voxel, affine);
        if (kind == 2) { // 4D with a single volume
            v = v.withHeader(v.header().toBuilder().dims(5, 4, 3, 1)
                    .descrip("4D, one volume").build());
        }
        return v;
    }

    /** Rotation + translation, the same with a shear, a left-handed one, and none. */
    private static double[][] geometry(int kind, double[] voxel) {
        if (kind == 3) {
            return null;
        }
        double c = Math.cos(0.4);
        double s = Math.sin(0.4);
        double[] z = {voxel[0], voxel[1], voxel.length > 2 ? voxel[2] : 1};
        if (kind == 2) {
            z[0] = -z[0];
        }
        double[][] a = {
            {c * z[0], -s * z[1], 0, -91.5},
            {s * z[0], c * z[1], 0, 126.125},
            {0, 0, z[2], -72.25},
            {0, 0, 0, 1}};
        if (kind == 1) {
            a[0][2] = 0.3;
        }
        return a;
    }

    @TestFactory
    Stream<DynamicTest> nibabelLoadsWhatWasWritten() {
        assertEquals(CASES.keySet(), loaded.keySet(), "files loaded by nibabel");
        return CASES.keySet().stream().map(name -> DynamicTest.dynamicTest(name,
                () -> check(name, CASES.get(name), loaded.get(name))));
    }

    private static void check(String name, Case c, Map<String, String> nib) throws IOException {
        assertFalse(nib.containsKey("error"), name + ": nibabel failed: " + nib.get("error"));
        NiftiVolume ours;
        try (InputStream in = Files.newInputStream(dir.resolve(name))) {
            ours = NiftiReader.read(in, name);
        }
        NiftiVolume given = c.volume();
        assertArrayEquals(given.header().dims(), PythonScripts.ints(nib.get("shape")),
                name + ": shape");
        assertEquals(c.options().datatype().typeName(), nib.get("dtype"), name + ": dtype");
        assertEquals(c.options().version(), Integer.parseInt(nib.get("version")),
                name + ": version");
        assertEquals(c.options().byteOrder() == ByteOrder.BIG_ENDIAN ? ">" : "<",
                nib.get("endian"), name + ": byte order");
        int expectedOffset = c.options().version() == 1 ? 352 : 544;
        assertEquals(expectedOffset, Integer.parseInt(nib.get("vox_offset")),
                name + ": vox_offset");
        double[] zooms = PythonScripts.doubles(nib.get("zooms"));
        double[] givenZooms = Arrays.copyOfRange(given.header().pixdim(), 1, 1 + zooms.length);
        assertArrayEquals(Arrays.copyOfRange(ours.header().pixdim(), 1, 1 + zooms.length), zooms,
                0, name + ": zooms vs project's reading");
        assertRelative(givenZooms, zooms, name + ": zooms vs given");
        double[][] affine = PythonScripts.matrix(nib.get("affine"));
        assertMatrix(ours.affine(), affine, 1e-9, name + ": affine vs project's reading");
        for (int r = 0; r < 4; r++) {
            assertRelative(given.affine()[r], affine[r], name + ": affine row " + r + " vs given");
        }
        int[] codes = PythonScripts.ints(nib.get("codes"));
        assertEquals(given.header().qformCode(), codes[0], name + ": qform_code");
        assertEquals(given.header().sformCode(), codes[1], name + ": sform_code");
        if (codes[0] > 0) {
            assertMatrix(ours.header().qformAffine(), PythonScripts.matrix(nib.get("qform")),
                    1e-9, name + ": qform");
            for (int r = 0; r < 4; r++) {
                assertRelative(given.affine()[r], PythonScripts.matrix(nib.get("qform"))[r],
                        name + ": qform row " + r + " vs given");
            }
        }
        assertEquals(given.header().descrip(), nib.get("descrip"), name + ": descrip");
        assertEquals(given.header().xyztUnits(), Integer.parseInt(nib.get("xyzt_units")),
                name + ": xyzt_units");
        float[] nibData = PythonScripts.float32File(dir.resolve(name + ".f32"));
        assertSameFloats(given.data(), nibData, name + ": nibabel's data vs given");
        assertSameFloats(ours.data(), nibData, name + ": nibabel's data vs project's reading");
        assertTrue(nib.get("slope_inter") != null, name + ": slope_inter reported");
    }

    private static void assertRelative(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int k = 0; k < expected.length; k++) {
            double tol = 1e-6 * Math.max(1, Math.abs(expected[k]));
            assertEquals(expected[k], actual[k], tol, what + ": entry " + k);
        }
    }
}
