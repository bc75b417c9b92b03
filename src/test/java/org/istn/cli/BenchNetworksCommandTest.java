package org.istn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.istn.bench.ResultTable;
import org.istn.bench.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny real run of {@code istn bench} (2D 16×16, batch 2, one step): every row present and positive. */
class BenchNetworksCommandTest {

    @Test
    void smokeRunReportsEveryNetworkWithPositiveNumbers(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path report = dir.resolve("bench.md");
        int code = new BenchNetworksCommand(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {"--settings", "16x16:2",
                    "--steps", "1", "--warmup", "1", "--nf", "2", "--nf-d", "2", "--nf-task", "1",
                    "--out", report.toString()});
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(IstnMain.OK, code, err.toString(StandardCharsets.UTF_8));
        assertEquals(text, Files.readString(report));

        List<String> expected = new ArrayList<>();
        for (String n : Workloads.NAMES) {
            expected.add(n);
            if (Workloads.hasInputGradientRow(n)) {
                expected.add(n + " +dx");
            }
        }
        List<String[]> rows = text.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| network") && !l.startsWith("| ---"))
                .map(l -> l.substring(2, l.length() - 2).split(" \\| ")).toList();
        assertEquals(expected, rows.stream().map(r -> r[0]).toList());
        for (String[] r : rows) {
            assertEquals(ResultTable.HEADERS.size(), r.length, String.join("|", r));
            assertEquals("16x16:2 (16x16 b2)", r[1]);
            for (int c = 2; c <= 7; c++) {
                assertTrue(Double.parseDouble(r[c]) > 0, r[0] + ": column " + ResultTable.HEADERS.get(c) + " = " + r[c]);
            }
        }
        assertTrue(text.contains("30.5 samples/s"), text);
    }

    @Test
    void badOptionIsAUsageError() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new BenchNetworksCommand(Map.of(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"--steps", "-1"});
        assertEquals(IstnMain.USAGE, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("istn bench: --steps is -1; expected at least 1"));
    }
}
