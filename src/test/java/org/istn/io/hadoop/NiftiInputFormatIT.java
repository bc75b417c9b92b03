package org.istn.io.hadoop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.istn.io.nifti.NiftiVolume;
import org.istn.testing.Fixtures;
import org.istn.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input format used directly from Spark, as a user's own code would. */
class NiftiInputFormatIT {

    @TempDir
    Path dir;

    private JavaPairRDD<String, VolumeRecord> read(Configuration conf) {
        JavaSparkContext sc = TestSpark.context();
        return sc.newAPIHadoopRDD(conf, NiftiInputFormat.class, Text.class, VolumeRecord.class)
                .mapToPair(t -> new scala.Tuple2<>(t._1().toString(), t._2()));
    }

    private Configuration input(String... names) throws IOException {
        Job job = Job.getInstance(new Configuration());
        org.apache.hadoop.fs.Path[] paths = new org.apache.hadoop.fs.Path[names.length];
        for (int i = 0; i < names.length; i++) {
            paths[i] = new org.apache.hadoop.fs.Path(dir.resolve(names[i]).toString());
        }
        FileInputFormat.setInputPaths(job, paths);
        return job.getConfiguration();
    }

    @Test
    void yieldsOneDecodedVolumePerFileAndPacksSmallFilesIntoFewSplits() throws IOException {
        Configuration local = new Configuration();
        String[] names = new String[12];
        NiftiVolume[] volumes = new NiftiVolume[names.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = "v" + i + (i % 3 == 0 ? ".nii" : ".nii.gz");
            volumes[i] = Fixtures.smooth(new int[] {5, 6, 7}, i);
            Fixtures.put(dir.resolve(names[i]).toString(), Fixtures.bytes(volumes[i], i % 3 != 0), local);
        }
        Configuration conf = input(names);
        NiftiInputFormat.setMaxSplitBytes(conf, 4 * 2048);

        JavaPairRDD<String, VolumeRecord> rdd = read(conf);

        assertTrue(rdd.getNumPartitions() < names.length, "packed: " + rdd.getNumPartitions() + " splits");
        Map<String, VolumeRecord> byPath = rdd.collectAsMap().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(names.length, byPath.size());
        for (int i = 0; i < names.length; i++) {
            VolumeRecord r = byPath.get("file:" + dir.resolve(names[i]));
            assertNull(r.error());
            assertArrayEquals(volumes[i].data(), r.volume().data(), 0f);
            assertEquals(dir.resolve(names[i]).toFile().length(), r.fileBytes());
        }
    }

    @Test
    void aBadFileFailsTheJobNamingItUnlessErrorsAreCollected() throws IOException {
        Configuration local = new Configuration();
        byte[] gz = Fixtures.bytes(Fixtures.volume(new int[] {4, 4, 4}, 0), true);
        Fixtures.put(dir.resolve("good.nii.gz").toString(), gz, local);
        Fixtures.put(dir.resolve("bad.nii.gz").toString(), Fixtures.truncate(gz, 40), local);
        String bad = "file:" + dir.resolve("bad.nii.gz");

        SparkException e = assertThrows(SparkException.class, () -> read(input("good.nii.gz", "bad.nii.gz")).count());
        assertTrue(e.getMessage().contains(bad + ": corrupt or truncated gzip stream"), e.getMessage());

        Configuration collect = input("good.nii.gz", "bad.nii.gz");
        NiftiInputFormat.setCollectErrors(collect, true);
        List<VolumeRecord> records = read(collect).values().collect();
        assertEquals(2, records.size());
        VolumeRecord failed = records.stream().filter(r -> !r.ok()).findFirst().orElseThrow();
        assertEquals(bad, failed.path());
        assertEquals(bad + ": corrupt or truncated gzip stream (unexpected end of stream)", failed.error());
    }
}
