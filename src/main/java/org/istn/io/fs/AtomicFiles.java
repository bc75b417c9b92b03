package org.istn.io.fs;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a file on any Hadoop filesystem so that it either exists complete or not at all: the
 * content goes to a hidden temporary name in the same folder, which is renamed on success and
 * deleted on failure. On the local filesystem no {@code .crc} side files are written.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /** Writes the content of one file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(String uri, Configuration conf, Content content) throws IOException {
        Path target = new Path(uri);
        FileSystem fs = target.getFileSystem(conf);
        if (fs instanceof LocalFileSystem local) {
            fs = local.getRawFileSystem();
        }
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            content.writeTo(out);
        } catch (IOException | RuntimeException e) {
            fs.delete(tmp, false);
            throw e;
        }
        if (fs.exists(target) && !fs.delete(target, false)) {
            fs.delete(tmp, false);
            throw new IOException("cannot replace " + target + ": delete failed");
        }
        if (!fs.rename(tmp, target)) {
            fs.delete(tmp, false);
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
    }
}
