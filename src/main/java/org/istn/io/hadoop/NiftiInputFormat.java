package org.istn.io.hadoop;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.CombineFileRecordReader;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;

/**
 * Hadoop input format (new {@code mapreduce} API) that reads whole NIfTI files ({@code .nii} or
 * {@code .nii.gz}, gzip recognised by its magic bytes) from any Hadoop filesystem and yields one
 * record per file: key = the file's full URI, value = the decoded volume.
 *
 * <p>Files are never split. Several small files are packed into one split (up to
 * {@code mapreduce.input.fileinputformat.split.maxsize} bytes, see
 * {@link #setMaxSplitBytes}), so that a cohort of thousands of volumes does not become thousands
 * of Spark tasks.
 *
 * <p>By default a file that cannot be decoded fails the task with an {@link IOException} naming
 * the file. With {@link #setCollectErrors} the failure is returned in
 * {@link VolumeRecord#error()} instead, so that a caller can report or skip bad files.
 */
public class NiftiInputFormat extends CombineFileInputFormat<Text, VolumeRecord> {

    /** Configuration key: collect decoding errors in the records instead of failing. */
    public static final String COLLECT_ERRORS = "istn.nifti.collect-errors";
    /** Configuration key: reject volumes with NaN or infinite voxels (default true). */
    public static final String REQUIRE_FINITE = "istn.nifti.require-finite";

    public static void setCollectErrors(Configuration conf, boolean collect) {
        conf.setBoolean(COLLECT_ERRORS, collect);
    }

    /** Upper bound of the bytes (on disk) packed into one split. */
    public static void setMaxSplitBytes(Configuration conf, long bytes) {
        conf.setLong(SPLIT_MAXSIZE, bytes);
    }

    @Override
    protected boolean isSplitable(JobContext context, Path file) {
        return false;
    }

    @Override
    public RecordReader<Text, VolumeRecord> createRecordReader(InputSplit split, TaskAttemptContext context)
            throws IOException {
        return new CombineFileRecordReader<>((CombineFileSplit) split, context, NiftiFileRecordReader.class);
    }
}
