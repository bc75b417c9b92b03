package org.istn.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.istn.bench.DomainAdaptationBench;
import org.istn.bench.DroppedLines;

/**
 * {@code istn bench-da}: throughput of the DA training step under Spark parameter averaging, see
 * {@link DomainAdaptationBench}. Options: {@code --shape 28,28} (NIfTI order), {@code --batch 64},
 * {@code --workers 1,2} (one local[N] run each), {@code --rounds 4} (the first is warm-up),
 * {@code --frequency 1} (averaging_frequency), {@code --nf 6}, {@code --bidirectional},
 * {@code --out FILE} (appends the Markdown table).
 */
final class BenchDomainAdaptationCommand implements IstnMain.Command {
    static final String USAGE = "usage: istn bench-da [--shape 28,28] [--batch 64] [--workers 1,2] [--rounds 4]"
            + " [--frequency 1] [--nf 6] [--bidirectional] [--out FILE]";
    private final PrintStream out;
    private final PrintStream err;

    BenchDomainAdaptationCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public int run(String[] args) throws Exception {
        int[] shape = {28, 28};
        int batch = 64;
        int[] workers = {1, 2};
        int rounds = 4;
        int frequency = 1;
        int nf = 6;
        boolean bi = false;
        Path file = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--help" -> {
                        out.println(USAGE);
                        return IstnMain.OK;
                    }
                    case "--bidirectional" -> bi = true;
                    case "--shape" -> shape = ints(a, value(args, ++i, a));
                    case "--workers" -> workers = ints(a, value(args, ++i, a));
                    case "--batch" -> batch = ints(a, value(args, ++i, a))[0];
                    case "--rounds" -> rounds = ints(a, value(args, ++i, a))[0];
                    case "--frequency" -> frequency = ints(a, value(args, ++i, a))[0];
                    case "--nf" -> nf = ints(a, value(args, ++i, a))[0];
                    case "--out" -> file = Path.of(value(args, ++i, a));
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (rounds < 2) {
                throw new IllegalArgumentException("--rounds must be >= 2 (the first round is warm-up)");
            }
        } catch (IllegalArgumentException e) {
            err.println("istn bench-da: " + e.getMessage());
            err.println(USAGE);
            return IstnMain.USAGE;
        }
        List<DomainAdaptationBench.Result> results = new ArrayList<>();
        PrintStream stdout = System.out;
        try (PrintStream quiet = new PrintStream(new DroppedLines(err, DroppedLines.SAMEDIFF_GRADIENT_NOISE), true,
                StandardCharsets.UTF_8)) {
            System.setOut(quiet);
            for (int w : workers) {
                results.add(DomainAdaptationBench.run(
                        new DomainAdaptationBench.Setting(shape, batch, w, rounds, frequency, bi, nf), err));
            }
        } finally {
            System.setOut(stdout);
        }
        String table = DomainAdaptationBench.table(results);
        out.print(table);
        if (file != null) {
            Files.writeString(file, table, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return IstnMain.OK;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int[] ints(String flag, String v) {
        try {
            int[] r = Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            for (int x : r) {
                if (x < 1) {
                    throw new NumberFormatException();
                }
            }
            return r;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes positive integers separated by commas, found \"" + v + "\"");
        }
    }
}
