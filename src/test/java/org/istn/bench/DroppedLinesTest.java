package org.istn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DroppedLinesTest {

    @Test
    void dropsOnlyLinesWithThePrefix() {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        try (PrintStream p = new PrintStream(new DroppedLines(new PrintStream(target, true, StandardCharsets.UTF_8),
                DroppedLines.SAMEDIFF_GRADIENT_NOISE), true, StandardCharsets.UTF_8)) {
            p.println("Added differentiated op conv3dnew_1");
            p.println("kept");
            p.print("Added differentiated op relu\nlast line, no newline");
        }
        assertEquals("kept\nlast line, no newline", target.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }
}
