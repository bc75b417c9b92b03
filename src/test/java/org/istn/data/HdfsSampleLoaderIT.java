package org.istn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.istn.config.Normalizer;
import org.istn.io.manifest.BadInputException;
import org.istn.io.nifti.NiftiVolume;
import org.istn.testing.Fixtures;
import org.istn.testing.TestSpark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest and its volumes on a real HDFS (an in-process mini-cluster with one data node on
 * loopback), read through Spark with hdfs:// URIs; relative image paths resolve on HDFS.
 */
class HdfsSampleLoaderIT {

    @TempDir
    static Path base;

    private static MiniDFSCluster hdfs;
    private static String root;
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, new File(base.toFile(), "hdfs").getAbsolutePath());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        root = "hdfs://localhost:" + hdfs.getNameNodePort();
        sc = TestSpark.context();
    }

    @AfterAll
    static void stop() {
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    @Test
    void loadsAManifestAndItsVolumesFromHdfs() throws IOException {
        Configuration conf = sc.hadoopConfiguration();
        int[] shape = {9, 8, 7};
        StringBuilder m = new StringBuilder("id\timage\tage\n");
        NiftiVolume[] volumes = new NiftiVolume[4];
        for (int i = 0; i < volumes.length; i++) {
            volumes[i] = Fixtures.smooth(shape, i);
            Fixtures.put(root + "/cohort/site A/images/s" + i + ".nii.gz", Fixtures.bytes(volumes[i], true), conf);
            m.append("s").append(i).append("\timages/s").append(i).append(".nii.gz\t").append(20 + i).append('\n');
        }
        String manifest = root + "/cohort/site A/train.tsv";
        Fixtures.put(manifest, m.toString(), conf);

        SampleLoader.Loaded loaded = SampleLoader.load(sc, manifest, new SampleLoader.Options("id", "image", "age", true,
                new Preprocessor(shape, Normalizer.NONE), false, StorageLevel.MEMORY_AND_DISK_SER(), 0));

        assertEquals(4, loaded.count());
        assertEquals(root + "/cohort/site A/images/s2.nii.gz", loaded.manifest().rows().get(2).image());
        List<Sample> samples = loaded.samples().collect().stream().sorted(Comparator.comparing(Sample::id)).toList();
        for (int i = 0; i < volumes.length; i++) {
            assertEquals(20f + i, samples.get(i).label());
            assertArrayEquals(volumes[i].data(), samples.get(i).image(), 0f, "same voxels as written");
        }

        String missing = root + "/cohort/none.tsv";
        BadInputException e = assertThrows(BadInputException.class, () -> SampleLoader.load(sc, missing,
                new SampleLoader.Options("id", "image", "age", true, new Preprocessor(shape, Normalizer.NONE), false,
                        StorageLevel.MEMORY_ONLY(), 0)));
        assertEquals(missing + ": manifest not found", e.getMessage());
        assertTrue(hdfs.getFileSystem().exists(new org.apache.hadoop.fs.Path("/cohort/site A/images/s0.nii.gz")));
    }
}
