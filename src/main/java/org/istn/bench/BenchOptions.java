package org.istn.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated options of {@code istn bench}.
 *
 * @param networks        networks to run, in table order (names from {@link Workloads#NAMES})
 * @param settings        input settings, in table order
 * @param steps           timed steps per measurement (the median is reported)
 * @param warmup          untimed steps before the timed ones
 * @param nf              base width of the ITN and the STNs
 * @param nfDiscriminator base width of the discriminator
 * @param nfTask          base width of the task models (classifier, regressor)
 * @param maxDisplacement B-spline STN maximum displacement
 * @param cpSpacing       B-spline control-point spacing per axis; empty: 4 in 2D, 8 in 3D
 * @param maxOtherCores   a step is "disturbed" when other processes used more than this many
 *                        cores on average during it
 * @param gcBetweenSteps  run the garbage collector between timed steps (untimed), so that the
 *                        ND4J buffers SameDiff leaves behind are freed and reused
 * @param profile         print a per-op time breakdown after each row
 * @param out             also write the report to this file (any Hadoop filesystem URI or local path)
 */
public record BenchOptions(List<String> networks, List<BenchSetting> settings, int steps, int warmup, int nf,
        int nfDiscriminator, int nfTask, double maxDisplacement, Optional<Integer> cpSpacing,
        double maxOtherCores, boolean gcBetweenSteps, boolean profile, Optional<String> out) {

    /** Thrown for a bad command line; the message says what was wrong and what is expected. */
    public static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    private static final List<String> VALUED = List.of("only", "settings", "steps", "warmup", "nf", "nf-d",
            "nf-task", "max-displacement", "cp-spacing", "max-other", "out");

    public BenchOptions {
        networks = List.copyOf(networks);
        settings = List.copyOf(settings);
        if (networks.isEmpty() || settings.isEmpty()) {
            throw new UsageException("need at least one network and one setting");
        }
    }

    /** The defaults: every network, every named setting. */
    public static BenchOptions defaults() {
        return parse(new String[0]).orElseThrow();
    }

    /**
     * Parses the command line; empty when help was asked for.
     *
     * @throws UsageException for an unknown option, a missing or malformed value
     */
    public static Optional<BenchOptions> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        boolean profile = false;
        boolean gc = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                return Optional.empty();
            }
            if (a.equals("--profile")) {
                profile = true;
                continue;
            }
            if (a.equals("--no-gc")) {
                gc = false;
                continue;
            }
            String key;
            String value;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 2) {
                key = a.substring(2, eq);
                value = a.substring(eq + 1);
            } else {
                key = a.startsWith("--") ? a.substring(2) : "";
                if (!VALUED.contains(key)) {
                    throw new UsageException("unknown option '" + a + "'; expected one of --"
                            + String.join(", --", VALUED) + ", --no-gc, --profile, --help");
                }
                if (i + 1 >= args.length) {
                    throw new UsageException("option " + a + " needs a value");
                }
                value = args[++i];
            }
            if (!VALUED.contains(key)) {
                throw new UsageException("unknown option '--" + key + "'; expected one of --"
                        + String.join(", --", VALUED) + ", --no-gc, --profile, --help");
            }
            m.put(key, value);
        }
        List<String> networks = new ArrayList<>();
        for (String n : split(m.getOrDefault("only", String.join(",", Workloads.NAMES)))) {
            if (!Workloads.NAMES.contains(n)) {
                throw new UsageException("--only: unknown network '" + n + "'; expected one of "
                        + String.join(", ", Workloads.NAMES));
            }
            if (!networks.contains(n)) {
                networks.add(n);
            }
        }
        List<BenchSetting> settings = new ArrayList<>();
        for (String s : split(m.getOrDefault("settings", "2d,3d4,3d16"))) {
            try {
                settings.add(BenchSetting.parse(s));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--settings: " + e.getMessage());
            }
        }
        Optional<Integer> cp = m.containsKey("cp-spacing")
                ? Optional.of(integer(m, "cp-spacing", 0, 1)) : Optional.empty();
        double maxDisp = number(m, "max-displacement", 0.1);
        if (!(maxDisp >= 0 && maxDisp <= 1)) {
            throw new UsageException("--max-displacement is " + maxDisp + "; expected a number in [0, 1]");
        }
        double maxOther = number(m, "max-other", 0.1);
        if (!(maxOther > 0)) {
            throw new UsageException("--max-other is " + maxOther + "; expected a number of cores > 0");
        }
        return Optional.of(new BenchOptions(networks, settings, integer(m, "steps", 3, 1),
                integer(m, "warmup", 1, 0), integer(m, "nf", 6, 1), integer(m, "nf-d", 32, 1),
                integer(m, "nf-task", 4, 1), maxDisp, cp, maxOther, gc, profile,
                Optional.ofNullable(m.get("out"))));
    }

    /** B-spline control-point spacing for a setting: the option, else 4 in 2D and 8 in 3D. */
    public int cpSpacingFor(BenchSetting s) {
        return cpSpacing.orElse(s.dims() == 2 ? 4 : 8);
    }

    public static String usage() {
        return "usage: istn bench [--only NAME[,NAME...]] [--settings S[,S...]] [--steps N] [--warmup N]\n"
                + "                  [--nf N] [--nf-d N] [--nf-task N] [--max-displacement X] [--cp-spacing N]\n"
                + "                  [--max-other CORES] [--no-gc] [--profile] [--out FILE]\n"
                + "  networks: " + String.join(", ", Workloads.NAMES) + " (default: all)\n"
                + "  settings: " + BenchSetting.NAMED + " (default: all) or XxY[xZ]:BATCH, e.g. 16x16:2\n"
                + "  --steps 3, --warmup 1: timed and untimed steps per measurement (median reported; the\n"
                + "    first call of each, which sizes short steps into runs of >= 200 ms, is untimed too)\n"
                + "  --nf 6 (ITN, STNs), --nf-d 32 (discriminator), --nf-task 4 (classifier, regressor)\n"
                + "  --max-displacement 0.1, --cp-spacing 4 in 2D / 8 in 3D (B-spline STN)\n"
                + "  --max-other 0.1: a step during which other processes used more CPU cores than this\n"
                + "    is disturbed; it is repeated (up to 3x --steps) and counted in the 'clean' column\n"
                + "  --no-gc: do not run the garbage collector between steps (by default it runs, untimed,\n"
                + "    so that the ND4J buffers SameDiff leaves to the collector are freed; without it memory\n"
                + "    grows by hundreds of MB per step and steps pay page faults for fresh memory)\n"
                + "  --profile: per-op time breakdown after each row; --out FILE: also write the report";
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }

    private static int integer(Map<String, String> m, String key, int dflt, int min) {
        String text = m.get(key);
        if (text == null) {
            return dflt;
        }
        int v;
        try {
            v = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + key + " is '" + text + "'; expected a whole number");
        }
        if (v < min) {
            throw new UsageException("--" + key + " is " + v + "; expected at least " + min);
        }
        return v;
    }

    private static double number(Map<String, String> m, String key, double dflt) {
        String text = m.get(key);
        if (text == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + key + " is '" + text + "'; expected a number");
        }
    }
}
