package org.istn.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that forwards whole lines to a target except those starting with a given
 * prefix. SameDiff 1.0.0-M2.1 prints "Added differentiated op …" to {@code System.out} for every
 * op each time it builds a gradient graph; the bench diverts {@code System.out} through this
 * while it runs, so that the report on stdout stays clean.
 */
public final class DroppedLines extends OutputStream {

    /** SameDiff's per-op message. */
    public static final String SAMEDIFF_GRADIENT_NOISE = "Added differentiated op ";

    private final PrintStream target;
    private final String prefix;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public DroppedLines(PrintStream target, String prefix) {
        this.target = target;
        this.prefix = prefix;
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void flush() {
        target.flush();
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            emit();
        }
        target.flush();
    }

    private void emit() {
        String s = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (!s.startsWith(prefix)) {
            target.print(s);
        }
    }
}
