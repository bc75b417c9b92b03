package org.istn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Derived per-subject columns, image file names and default site names. */
class SubjectPredictionTest {

    private static SubjectPrediction p(double label, double prediction, double[] probabilities) {
        return new SubjectPrediction("s", 2, label, prediction, probabilities, new double[0], null);
    }

    @Test
    void errorAndProbability() {
        assertEquals(-1.5, p(4.0, 2.5, null).error(), 0.0);
        assertTrue(Double.isNaN(p(4.0, 2.5, null).probability()));
        assertEquals(1.0, p(0, 1, new double[] {0.3, 0.7}).error(), 0.0);
        assertEquals(0.7, p(0, 1, new double[] {0.3, 0.7}).probability(), 0.0);
        assertEquals(0.0, p(2, 2, new double[] {0.1, 0.2, 0.7}).error(), 0.0);
        assertTrue(Double.isNaN(p(Double.NaN, 2, new double[] {0.1, 0.2, 0.7}).error()));
    }

    @Test
    void imageFileNames() {
        assertEquals("CC110033.nii.gz", ImageExport.fileName("CC110033", 7));
        assertEquals("sub-01_ses.1.nii.gz", ImageExport.fileName("sub-01_ses.1", 7));
        assertEquals("row7_site_A_sub_1.nii.gz", ImageExport.fileName("site/A sub:1", 7));
        assertEquals("row9_..nii.gz", ImageExport.fileName(".", 9));
    }

    @Test
    void siteDefaultsToTheManifestName() {
        assertEquals("test", InferenceJob.baseName("hdfs://nn:8020/data/ukbb/test.tsv"));
        assertEquals("ukbb_test", InferenceJob.baseName("ukbb_test.csv"));
        assertEquals("list", InferenceJob.baseName("/data/list"));
    }
}
