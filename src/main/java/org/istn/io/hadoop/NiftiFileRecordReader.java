package org.istn.io.hadoop;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.istn.io.nifti.NiftiReader;
import org.istn.io.nifti.NiftiVolume;

/**
 * Reads the one file at position {@code index} of a {@link CombineFileSplit} as one record.
 * The constructor signature is the one {@code CombineFileRecordReader} requires.
 */
public class NiftiFileRecordReader extends RecordReader<Text, VolumeRecord> {

    private final Path path;
    private final long length;
    private final Configuration conf;
    private Text key;
    private VolumeRecord value;
    private boolean done;

    public NiftiFileRecordReader(CombineFileSplit split, TaskAttemptContext context, Integer index) {
        this.path = split.getPath(index);
        this.length = split.getLength(index);
        this.conf = context.getConfiguration();
    }

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context) {
        // everything needed was taken in the constructor
    }

    @Override
    public boolean nextKeyValue() throws IOException {
        if (done) {
            return false;
        }
        done = true;
        String uri = path.toString();
        key = new Text(uri);
        try {
            FileSystem fs = path.getFileSystem(conf);
            NiftiVolume volume;
            try (InputStream in = fs.open(path, 1 << 20)) {
                volume = NiftiReader.read(in, uri);
            }
            if (conf.getBoolean(NiftiInputFormat.REQUIRE_FINITE, true)) {
                volume.requireFinite(uri);
            }
            value = new VolumeRecord(uri, volume, null, length);
        } catch (IOException | RuntimeException e) {
            if (!conf.getBoolean(NiftiInputFormat.COLLECT_ERRORS, false)) {
                throw e instanceof IOException io ? io : new IOException(uri + ": " + e.getMessage(), e);
            }
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            value = new VolumeRecord(uri, null, msg, length);
        }
        return true;
    }

    @Override
    public Text getCurrentKey() {
        return key;
    }

    @Override
    public VolumeRecord getCurrentValue() {
        return value;
    }

    @Override
    public float getProgress() {
        return done ? 1f : 0f;
    }

    @Override
    public void close() {
        // the stream is closed after each read
    }
}
