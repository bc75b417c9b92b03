package org.istn.io.nifti;

import static org.istn.io.nifti.NiftiAssertions.assertMatrix;
import static org.istn.io.nifti.NiftiAssertions.assertSameFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by nibabel (every datatype, both byte orders, gzipped or not, NIfTI-1 and -2,
 * 2D / 3D / 4D with one volume, several scalings and transforms; see
 * {@code src/test/python/nifti_nibabel_fixtures.py}) read the same here as in nibabel; and once
 * the project has written each back (same datatype and version), nibabel still sees the same
 * data, pixdim and affine.
 *
 * <p>Tolerances: voxels 0 (bit-identical to {@code get_fdata(dtype=float32)}: the reader repeats
 * nibabel's arithmetic, float64 included); pixdim, scl fields exact; affine 1e-9 per entry
 * (both sides compute it in double from the same stored values). After the rewrite: affine,
 * pixdim and voxels identical to nibabel's first reading (the writer reuses the header's
 * scaling for integer types, and {@code rint((v - inter) / slope)} maps each float32 back to a
 * raw value that reads as the same float32).
 */
class NibabelWrittenFilesTest {

    @TempDir
    static Path dir;

    private static Map<String, Map<String, String>> manifest;

    private static Map<String, Map<String, String>> rewritten;

    @BeforeAll
    static void writeFixtures() throws IOException {
        PythonScripts.run("nifti_nibabel_fixtures.py", dir.toString());
        manifest = PythonScripts.manifest(dir.resolve("manifest.tsv"));
        Path again = Files.createDirectory(dir.resolve("rewritten"));
        for (String name : manifest.keySet()) {
            NiftiVolume v = NiftiReader.read(dir.resolve(name));
            try (OutputStream out = Files.newOutputStream(again.resolve(name))) {
                NiftiWriter.write(v, out, name.endsWith(".gz"), v.header().datatype(),
                        v.header().version());
            }
        }
        PythonScripts.run("nifti_nibabel_load.py", again.toString());
        rewritten = PythonScripts.manifest(again.resolve("loaded.tsv"));
    }

    @TestFactory
    Stream<DynamicTest> readsWhatNibabelReads() {
        assertEquals(240, manifest.size(), "fixtures written by the script");
        return manifest.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> check(e.getKey(), e.getValue())));
    }

    private static void check(String name, Map<String, String> expected) throws IOException {
        Path file = dir.resolve(name);
        NiftiVolume v;
        try (InputStream in = Files.newInputStream(file)) {
            v = NiftiReader.read(in, name);
        }
        NiftiHeader h = v.header();
        int[] nibShape = PythonScripts.ints(expected.get("shape"));
        assertArrayEquals(nibShape, h.dims(), name + ": dims");
        int[] dataShape = nibShape.length == 4 ? Arrays.copyOf(nibShape, 3) : nibShape;
        assertArrayEquals(dataShape, v.shape(), name + ": data shape");
        assertEquals(Integer.parseInt(expected.get("datatype")), h.datatype().code(),
                name + ": datatype");
        assertEquals(name.contains("_v2_") ? 2 : 1, h.version(), name + ": version");
        assertArrayEquals(PythonScripts.doubles(expected.get("pixdim")), h.pixdim(), 0,
                name + ": pixdim");
        double[] scl = PythonScripts.doubles(expected.get("scl"));
        assertEquals(scl[0], h.sclSlope(), 0, name + ": scl_slope");
        assertEquals(scl[1], h.sclInter(), 0, name + ": scl_inter");
        int[] codes = PythonScripts.ints(expected.get("codes"));
        assertEquals(codes[0], h.qformCode(), name + ": qform_code");
        assertEquals(codes[1], h.sformCode(), name + ": sform_code");
        assertEquals(Integer.parseInt(expected.get("xyzt_units")), h.xyztUnits(),
                name + ": xyzt_units");
        assertEquals(expected.get("descrip"), h.descrip(), name + ": descrip");
        assertMatrix(PythonScripts.matrix(expected.get("affine")), v.affine(), 1e-9,
                name + ": affine");
        float[] nib = PythonScripts.float32File(dir.resolve(name + ".f32"));
        assertSameFloats(nib, v.data(), name + " (" + h.datatype().typeName() + ", scl "
                + expected.get("applied") + ")");
        checkRewritten(name, expected, nib, h);
    }

    private static void checkRewritten(String name, Map<String, String> expected, float[] nib,
            NiftiHeader h) throws IOException {
        Map<String, String> again = rewritten.get(name);
        String what = name + " rewritten by the project, loaded by nibabel";
        assertFalse(again.containsKey("error"), what + ": " + again.get("error"));
        assertEquals(expected.get("shape"), again.get("shape"), what + ": shape");
        assertEquals(expected.get("pixdim"), again.get("pixdim"), what + ": pixdim");
        assertEquals(expected.get("affine"), again.get("affine"), what + ": affine");
        assertEquals(expected.get("codes"), again.get("codes"), what + ": xform codes");
        assertEquals(h.datatype().typeName(), again.get("dtype"), what + ": dtype");
        float[] data = PythonScripts.float32File(dir.resolve("rewritten").resolve(name + ".f32"));
        assertSameFloats(nib, data, what);
    }
}
