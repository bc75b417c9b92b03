package org.istn.io.manifest;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.istn.io.fs.AtomicFiles;

/**
 * Writes the rows skipped with {@code skip_bad} as a TSV report (manifest, row, id, file, reason)
 * on any Hadoop filesystem. The report is written under a temporary name and renamed, so a
 * report that exists is complete.
 */
public final class BadRowReport {

    public static final String HEADER = "manifest\trow\tid\tfile\treason";

    private BadRowReport() {}

    public static void write(List<BadRow> rows, String uri, Configuration conf) throws IOException {
        AtomicFiles.write(uri, conf, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(HEADER + "\n");
            for (BadRow r : rows) {
                w.write(clean(r.manifest()) + "\t" + r.line() + "\t" + clean(r.id()) + "\t" + clean(r.file())
                        + "\t" + clean(r.reason()) + "\n");
            }
            w.flush();
        });
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
