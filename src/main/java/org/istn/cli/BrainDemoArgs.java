package org.istn.cli;

import java.nio.file.Path;
import java.util.Arrays;
import org.istn.demo.BrainDemoOptions;

/** The command line of {@code istn demo --cohort brain} ({@link org.istn.demo.BrainDemo}). */
final class BrainDemoArgs {
    private static final BrainDemoOptions D = BrainDemoOptions.defaults();
    static final String USAGE = String.join("\n",
            "usage: istn demo --cohort brain [options]",
            "  --quick                 a small, fast run (CI): 16³, 16/8/8 subjects per site, 2 + 1 epochs",
            "  --out DIR               demo folder (default runs/demo-brain; --quick: runs/demo-brain-quick)",
            "  --template PATH         Colin27 ch2bet.nii.gz (default /usr/share/mricron/templates/ch2bet.nii.gz,"
                    + " from Debian's mricron-data)",
            "  --size N                grid N³ over 256 mm, a multiple of 8 from 16 to 64 (default "
                    + D.size() + ")",
            "  --train N --val N --test N   subjects per site (default " + D.train() + "/"
                    + D.val() + "/" + D.test() + ")",
            "  --task_epochs N         epochs of Task_S (default " + D.taskEpochs() + ")",
            "  --da_epochs N           epochs of the DA job (default " + D.daEpochs() + ")",
            "  --batch N               subjects per step (default " + D.batch() + ")",
            "  --stn affine|bspline|none    the spatial transformer (default affine)",
            "  --no-itn                no image transformer",
            "  --t-magnification M     how much larger site T shows heads than they are (default "
                    + BrainDemoOptions.DEFAULT_MAGNIFICATION + ")",
            "  --seed N                seed of the cohort and the training (default 42)",
            "  --master URL            Spark master (default local[*])");

    private BrainDemoArgs() {}

    /** The options, or null when help was asked for. {@code --cohort brain} may appear anywhere. */
    static BrainDemoOptions parse(String[] args) {
        BrainDemoOptions d = Arrays.asList(args).contains("--quick") ? BrainDemoOptions.quick()
                : BrainDemoOptions.defaults();
        Path out = d.out();
        Path template = d.template();
        int size = d.size();
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
        double magnification = d.magnification();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help" -> {
                    return null;
                }
                case "--quick" -> { }
                case "--cohort" -> {
                    String c = DemoCommand.value(args, ++i, a);
                    if (!c.equals("brain")) {
                        throw new IllegalArgumentException("--cohort given twice: brain and " + c);
                    }
                }
                case "--no-itn" -> itn = false;
                case "--out" -> out = Path.of(DemoCommand.value(args, ++i, a));
                case "--template" -> template = Path.of(DemoCommand.value(args, ++i, a));
                case "--size" -> size = DemoCommand.positive(a, DemoCommand.value(args, ++i, a));
                case "--train" -> train = DemoCommand.positive(a, DemoCommand.value(args, ++i, a));
                case "--val" -> val = DemoCommand.positive(a, DemoCommand.value(args, ++i, a));
                case "--test" -> test = DemoCommand.positive(a, DemoCommand.value(args, ++i, a));
                case "--task_epochs" -> taskEpochs = DemoCommand.positive(a, DemoCommand.value(args, ++i, a));
                case "--da_epochs" -> daEpochs = DemoCommand.positive(a, DemoCommand.value(args, ++i, a));
                case "--batch" -> batch = DemoCommand.positive(a, DemoCommand.value(args, ++i, a));
                case "--stn" -> stn = DemoCommand.value(args, ++i, a);
                case "--seed" -> seed = DemoCommand.positive(a, DemoCommand.value(args, ++i, a));
                case "--master" -> master = DemoCommand.value(args, ++i, a);
                case "--t-magnification" -> magnification = number(a, DemoCommand.value(args, ++i, a));
                case "--mnist", "--label", "--bidirectional" -> throw new IllegalArgumentException(a
                        + " belongs to the Morpho-MNIST demo, not to --cohort brain");
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new BrainDemoOptions(out, template, size, train, val, test, taskEpochs, daEpochs, batch, itn, stn,
                seed, master, magnification);
    }

    private static double number(String flag, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a number, found \"" + v + "\"");
        }
    }
}
