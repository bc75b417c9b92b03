package org.istn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Markdown table of the report. */
public final class ResultTable {

    /** Column headers, in order. */
    public static final List<String> HEADERS = List.of("network", "setting", "fwd ms/step", "fwd ms/sample",
            "fwd+bwd ms/step", "fwd+bwd ms/sample", "samples/s (fwd+bwd)", "peak heap MB",
            "peak RSS MB (at start)", "clean steps fwd, fwd+bwd");

    private ResultTable() {}

    /** The table: header, separator and one line per result. */
    public static String markdown(List<BenchResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (BenchResult r : results) {
            rows.add(cells(r));
        }
        StringBuilder sb = new StringBuilder();
        line(sb, HEADERS);
        List<String> sep = new ArrayList<>();
        for (int i = 0; i < HEADERS.size(); i++) {
            sep.add(i < 2 ? "---" : "---:");
        }
        line(sb, sep);
        for (List<String> row : rows) {
            line(sb, row);
        }
        return sb.toString();
    }

    static List<String> cells(BenchResult r) {
        String setting = r.setting().name() + " (" + r.setting().describe() + ")";
        if (r.error().isPresent()) {
            List<String> c = new ArrayList<>(List.of(r.network(), setting, "failed: " + r.error().get()));
            while (c.size() < HEADERS.size()) {
                c.add("");
            }
            return c;
        }
        return List.of(r.network(), setting, fmt("%.1f", r.forwardMs()), fmt("%.2f", r.forwardMsPerSample()),
                fmt("%.1f", r.fwdBwdMs()), fmt("%.2f", r.fwdBwdMsPerSample()), fmt("%.1f", r.samplesPerSecond()),
                fmt("%.0f", r.peakHeapMb()), mb(r.peakRssMb()) + " (" + mb(r.rssStartMb()) + ")",
                r.forwardClean() + ", " + r.fwdBwdClean());
    }

    private static String mb(double v) {
        return v < 0 || Double.isNaN(v) ? "n/a" : fmt("%.0f", v);
    }

    private static String fmt(String f, double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, f, v);
    }

    private static void line(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "/")).append(" |");
        }
        sb.append('\n');
    }
}
