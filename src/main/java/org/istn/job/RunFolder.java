package org.istn.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.istn.config.JobSettings;
import org.istn.io.fs.AtomicFiles;

/**
 * A run's folder {@code <output_dir>/<run_name>}: the resolved configuration
 * ({@code config.json}), the files listed under {@code files} ({@code files/}), checkpoints,
 * models, metrics, plots and samples.
 *
 * @param uri the folder (a Hadoop URI or local path)
 * @param runId its name
 */
public record RunFolder(String uri, String runId) {

    /** The folder of a run, created; an existing one is an error unless resuming. */
    public static RunFolder create(JobSettings s, String runId, boolean resume, Configuration conf) throws IOException {
        String uri = s.run().outputDir().replaceAll("/+$", "") + "/" + runId;
        Path p = new Path(uri);
        FileSystem fs = p.getFileSystem(conf);
        if (resume && !fs.exists(p)) {
            throw new IllegalArgumentException("--resume: run folder " + uri + " does not exist (set run_name to the"
                    + " run to resume)");
        }
        if (!resume && fs.exists(new Path(p, "config.json"))) {
            throw new IllegalArgumentException("run folder " + uri + " already holds a run; use --resume to continue it"
                    + " or another run_name");
        }
        fs.mkdirs(p);
        return new RunFolder(uri, runId);
    }

    /** Writes the resolved configuration and copies the listed files (atomically each). */
    public void record(JobSettings s, List<String> files, Configuration conf) throws IOException {
        byte[] cfg = (s.resolvedConfig() + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(uri + "/config.json", conf, out -> out.write(cfg));
        for (String f : files) {
            Path src = new Path(f);
            FileSystem fs = src.getFileSystem(conf);
            if (!fs.exists(src)) {
                throw new IllegalArgumentException("files: " + f + " does not exist");
            }
            AtomicFiles.write(uri + "/files/" + src.getName(), conf, out -> copy(fs, src, out));
        }
    }

    private static void copy(FileSystem fs, Path src, OutputStream out) throws IOException {
        try (InputStream in = fs.open(src)) {
            in.transferTo(out);
        }
    }
}
