package org.istn.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.istn.brain.BrainCohort;
import org.istn.brain.BrainCohortException;
import org.istn.brain.BrainCohortOptions;
import org.istn.brain.Pose;
import org.istn.brain.Site;
import org.istn.brain.SiteProfile;
import org.istn.brain.Split;
import org.istn.config.ClosestMatch;

/**
 * {@code istn make-brain-cohort [options]}: builds a 3D two-site cohort from a real brain (Colin27)
 * with brain-size labels; see {@link BrainCohort} and {@code docs/brain-cohort.md}. Exit codes:
 * 0 built (or already built with the same parameters), 1 failure (missing template, I/O, an
 * existing output that may not be replaced), 2 bad options. Progress goes to stderr, the
 * manifest paths to stdout.
 */
public final class MakeBrainCohortCommand implements IstnMain.Command {

    /** Valued options and their placeholders, in usage order. */
    private static final Map<String, String> VALUED = new LinkedHashMap<>();
    private static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        BrainCohortOptions d = BrainCohortOptions.defaults();
        opt("template", "PATH", "skull-stripped 3D T1 NIfTI (default " + d.template() + ", Debian mricron-data)");
        opt("out", "DIR", "output folder (default " + d.out() + ")");
        opt("size", "N", "output grid N x N x N voxels (default " + d.size() + ")");
        opt("fov", "MM", "output field of view per axis in mm; voxel = MM/N (default " + num(d.fovMm()) + ")");
        opt("train", "N", "training subjects per site (default " + d.train() + ")");
        opt("val", "N", "validation subjects per site (default " + d.val() + ")");
        opt("test", "N", "test subjects per site (default " + d.test() + ")");
        opt("seed", "N", "master seed of every random draw (default " + d.seed() + ")");
        opt("scale-min", "S", "smallest global brain scale (default " + num(d.scaleMin()) + ")");
        opt("scale-max", "S", "largest global brain scale (default " + num(d.scaleMax()) + ")");
        opt("warp", "MM", "s.d. of the B-spline control-point displacements, mm (default " + num(d.warpMm()) + ")");
        opt("warp-spacing", "MM", "B-spline control-point spacing, mm (default " + num(d.warpSpacingMm()) + ")");
        for (Site s : Site.values()) {
            SiteProfile p = d.profile(s);
            String o = s.optionPrefix() + "-";
            String w = "site " + s.folder() + ": ";
            opt(o + "bias", "B", w + "bias field log-amplitude, factors in [e^-B, e^B] (default " + num(p.bias()) + ")");
            opt(o + "gamma", "G", w + "contrast curve v^G (default " + num(p.gamma()) + ")");
            opt(o + "noise", "SD", w + "Rician noise s.d., fraction of brain intensity (default " + num(p.noise()) + ")");
            opt(o + "blur", "SIGMA", w + "Gaussian blur sigma, mm (default " + num(p.blur()) + ")");
            opt(o + "rotation", "RX,RY,RZ", w + "head rotation about x,y,z, degrees (default "
                    + triple(p.pose().rotation()) + ")");
            opt(o + "translation", "TX,TY,TZ", w + "head shift, mm (default " + triple(p.pose().translation()) + ")");
            opt(o + "magnification", "M", w + "how much larger heads appear than they are (default "
                    + num(p.pose().magnification()) + ")");
        }
        opt("threads", "N", "subjects generated at once (default: the number of processors)");
    }

    private final PrintStream out;
    private final PrintStream err;

    public MakeBrainCohortCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    private static void opt(String name, String value, String help) {
        VALUED.put(name, value);
        HELP.put(name, help);
    }

    /** The usage text. */
    public static String usage() {
        StringBuilder sb = new StringBuilder("usage: istn make-brain-cohort [options]\n"
                + "Builds <out>/{S,T}/{train,val,test}.tsv with 3D NIfTI brains made from Colin27: each subject a random\n"
                + "smooth deformation and global scale of the template (labels size_class 0/1 and volume in ml), each site\n"
                + "its own bias field, contrast, blur, noise and head pose.\n");
        for (Map.Entry<String, String> e : VALUED.entrySet()) {
            sb.append(String.format("  %-28s %s%n", "--" + e.getKey() + " " + e.getValue(), HELP.get(e.getKey())));
        }
        sb.append(String.format("  %-28s %s%n", "--force", "replace an existing cohort made with other parameters"));
        sb.append(String.format("  %-28s %s%n", "-h, --help", "print this help"));
        return sb.toString();
    }

    @Override
    public int run(String[] args) throws Exception {
        BrainCohortOptions o;
        try {
            Optional<BrainCohortOptions> parsed = parse(args);
            if (parsed.isEmpty()) {
                out.print(usage());
                return IstnMain.OK;
            }
            o = parsed.get();
        } catch (IllegalArgumentException e) {
            err.println("istn make-brain-cohort: " + e.getMessage());
            err.println("(istn make-brain-cohort --help lists the options)");
            return IstnMain.USAGE;
        }
        try {
            BrainCohort.Result r = BrainCohort.build(o, err);
            out.println("make-brain-cohort: cohort " + (r.reused() ? "already complete at " : "written to ") + r.root());
            for (Site s : Site.values()) {
                for (Split sp : Split.values()) {
                    out.println(String.format(Locale.ROOT, "  %-2s %-5s %s", s.folder(), sp.fileName(), r.manifest(s, sp)));
                }
            }
            return IstnMain.OK;
        } catch (BrainCohortException e) {
            err.println("istn make-brain-cohort: " + e.getMessage());
            return IstnMain.FAILED;
        }
    }

    /**
     * The options of a command line; empty when help was asked for.
     *
     * @throws IllegalArgumentException naming a bad or unknown option
     */
    static Optional<BrainCohortOptions> parse(String[] args) {
        Map<String, String> v = new LinkedHashMap<>();
        boolean force = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                return Optional.empty();
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'; make-brain-cohort takes options only");
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
                List<String> names = new ArrayList<>(VALUED.keySet());
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
        BrainCohortOptions d = BrainCohortOptions.defaults();
        SiteProfile[] sites = new SiteProfile[2];
        for (Site s : Site.values()) {
            SiteProfile p = d.profile(s);
            String o = s.optionPrefix() + "-";
            double[] rot = triple(v, o + "rotation", p.pose().rotation());
            double[] tr = triple(v, o + "translation", p.pose().translation());
            sites[s.ordinal()] = new SiteProfile(number(v, o + "bias", p.bias()), number(v, o + "gamma", p.gamma()),
                    number(v, o + "noise", p.noise()), number(v, o + "blur", p.blur()),
                    new Pose(rot[0], rot[1], rot[2], tr[0], tr[1], tr[2],
                            number(v, o + "magnification", p.pose().magnification())));
        }
        return Optional.of(new BrainCohortOptions(
                v.containsKey("template") ? Path.of(v.get("template")) : d.template(),
                v.containsKey("out") ? Path.of(v.get("out")) : d.out(),
                integer(v, "size", d.size()), number(v, "fov", d.fovMm()),
                integer(v, "train", d.train()), integer(v, "val", d.val()), integer(v, "test", d.test()),
                v.containsKey("seed") ? longValue(v.get("seed")) : d.seed(),
                number(v, "scale-min", d.scaleMin()), number(v, "scale-max", d.scaleMax()),
                number(v, "warp", d.warpMm()), number(v, "warp-spacing", d.warpSpacingMm()),
                sites[0], sites[1], integer(v, "threads", d.threads()), force, d.progressEvery()));
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

    private static double[] triple(Map<String, String> v, String name, double[] dflt) {
        String s = v.get(name);
        if (s == null) {
            return dflt;
        }
        String[] parts = s.split(",", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("--" + name + " must be three comma-separated numbers "
                    + VALUED.get(name) + ", found '" + s + "'");
        }
        double[] r = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                r[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be three comma-separated numbers "
                        + VALUED.get(name) + ", found '" + s + "'");
            }
        }
        return r;
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String triple(double[] v) {
        return num(v[0]) + "," + num(v[1]) + "," + num(v[2]);
    }
}
