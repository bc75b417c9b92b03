package org.istn.io.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

    private final ManifestReader reader = new ManifestReader("id", "image");

    private ManifestReader.Result parse(String... lines) {
        return reader.parse("m.tsv", "file:/data/site", List.of(lines));
    }

    @Test
    void tsvWithHeaderResolvesRelativePathsAgainstTheManifestFolder() {
        ManifestReader.Result r = parse("id\timage\tage", "s1\timg/s1.nii.gz\t34",
                "s2\t./s2.nii\t51", "s3\t/abs/s3.nii.gz\t60", "s4\thdfs://nn:8020/x/s4.nii.gz\t70");
        Manifest m = r.manifest();
        assertEquals(List.of("id", "image", "age"), m.columns());
        assertFalse(m.referenceLayout());
        assertEquals(4, m.size());
        assertEquals("file:/data/site/img/s1.nii.gz", m.rows().get(0).image());
        assertEquals("file:/data/site/s2.nii", m.rows().get(1).image());
        assertEquals("/abs/s3.nii.gz", m.rows().get(2).image());
        assertEquals("hdfs://nn:8020/x/s4.nii.gz", m.rows().get(3).image());
        assertEquals("51", m.rows().get(1).cell("age"));
        assertEquals(3, m.rows().get(1).line());
        assertTrue(r.badRows().isEmpty());
    }

    @Test
    void csvWithQuotedCells() {
        Manifest m = parse("id,image,site", "\"a,1\",\"x \"\"y\"\".nii\",A").manifest();
        assertEquals("a,1", m.rows().get(0).id());
        assertEquals("file:/data/site/x \"y\".nii", m.rows().get(0).image());
    }

    @Test
    void headerlessReferenceManifestUsesTheReferenceColumns() {
        Manifest m = parse("CC1,./images/CC1_image.nii.gz,./images/CC1_mask.nii.gz,30,0,1",
                "CC2,./images/CC2_image.nii.gz,./images/CC2_mask.nii.gz,31,1,1").manifest();
        assertTrue(m.referenceLayout());
        assertEquals(ManifestReader.REFERENCE_COLUMNS, m.columns());
        assertEquals(2, m.size());
        assertEquals(1, m.rows().get(0).line());
        assertEquals("file:/data/site/images/CC2_image.nii.gz", m.rows().get(1).image());
        assertEquals("31", m.rows().get(1).cell("age"));
        assertEquals("1", m.rows().get(1).cell("sex"));
        assertEquals("1", m.rows().get(1).cell("scanner"));
    }

    @Test
    void rowProblemsBecomeBadRowsWithExactMessages() {
        ManifestReader.Result r = parse("id\timage\tage", "s1\ta.nii\t1", "s2\tb.nii", "\tc.nii\t3",
                "s4\t\t4", "s1\td.nii\t5");
        assertEquals(1, r.manifest().size());
        List<String> msgs = r.badRows().stream().map(BadRow::message).toList();
        assertEquals(List.of(
                "m.tsv row 3 (id s2): expected 3 cells (id, image, age), found 2",
                "m.tsv row 4: empty id in column 'id'",
                "m.tsv row 5 (id s4): empty image path in column 'image'",
                "m.tsv row 6 (id s1): duplicate id 's1' (first seen at row 2)"), msgs);
    }

    @Test
    void wholeFileProblemsThrowWithExactMessages() {
        assertEquals("m.tsv: manifest is empty (no header and no rows)",
                assertThrows(BadInputException.class, () -> parse("", "  ")).getMessage());
        assertEquals("m.tsv: manifest has a header but no rows",
                assertThrows(BadInputException.class, () -> parse("id\timage")).getMessage());
        assertEquals("m.tsv: no image column 'image'; columns are [id, path] (set image_column to the column "
                        + "that holds the image paths)",
                assertThrows(BadInputException.class, () -> parse("id\tpath", "a\tb.nii")).getMessage());
        assertEquals("m.tsv: no id column 'id'; columns are [subject, image] (set id_column to the column "
                        + "that holds the subject ids)",
                assertThrows(BadInputException.class, () -> parse("subject\timage", "a\tb.nii")).getMessage());
    }

    @Test
    void readsThroughTheHadoopFileSystemAndReportsAMissingManifest(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sub dir/m.csv");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "id,image,label\nx,imgs/x.nii.gz,1\n");
        Configuration conf = new Configuration();
        Manifest m = reader.read(f.toString(), conf).manifest();
        assertEquals(f.getParent().resolve("imgs/x.nii.gz").toUri().getPath(),
                new org.apache.hadoop.fs.Path(m.rows().get(0).image()).toUri().getPath());
        assertTrue(m.rows().get(0).image().startsWith("file:/"));
        String missing = dir.resolve("nope.tsv").toString();
        assertEquals(missing + ": manifest not found",
                assertThrows(BadInputException.class, () -> reader.read(missing, conf)).getMessage());
    }
}
