package org.istn.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Log-file tails for failure messages. */
final class Logs {
    private Logs() {}

    /** The last {@code n} lines of {@code file}, or a note that it cannot be read. */
    static String tail(Path file, int n) {
        try {
            List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /** {@link #tail} under a heading naming the file. */
    static String section(Path file, int n) {
        return "\n----- " + file + " (last " + n + " lines) -----\n" + tail(file, n) + "\n";
    }
}
