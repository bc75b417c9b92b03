package org.istn.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.istn.config.ClosestMatch;
import org.istn.config.Job;

/**
 * The parsed options of {@code istn <command> [options]}.
 *
 * <p>Accepted: {@code --config PATH}; {@code --conf key=value} (repeatable); {@code --key value}
 * and {@code --key=value} for any config key of the command; the command's declared flags,
 * switches ({@code --nii}, {@code --nii=false}) or valued ({@code --dev cpu}); {@code -h} or
 * {@code --help}; {@code --} ends the options. Anything else starting with {@code -} is an error
 * that names the option and lists the allowed ones. A declared flag shadows a config key of the
 * same name (infer's switch {@code --stn} against the key {@code stn}, which is then set with
 * {@code --conf stn=affine}). A flag may also set a config key ({@code --skip_bad} sets
 * {@code skip_bad = true}); later options win.
 *
 * @param command         the command name
 * @param flags           declared flags given, by name; switches map to "true" or "false"
 * @param configOverrides config keys set on the command line, key to raw value, in order
 * @param configPath      the {@code --config} file, if given
 * @param positional      the remaining arguments
 */
public record CommandLineArgs(String command, Map<String, String> flags,
        Map<String, String> configOverrides, Optional<String> configPath, List<String> positional) {

    public CommandLineArgs {
        flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
        configOverrides = Collections.unmodifiableMap(new LinkedHashMap<>(configOverrides));
        positional = List.copyOf(positional);
    }

    /** Whether switch {@code name} was given (and not as {@code --name=false}). */
    public boolean isSet(String name) {
        return "true".equals(flags.get(name));
    }

    /** The value of flag {@code name}, if given. */
    public Optional<String> flag(String name) {
        return Optional.ofNullable(flags.get(name));
    }

    /** Whether help was asked for. */
    public boolean helpRequested() {
        return isSet("help");
    }

    /**
     * A declared option of a command.
     *
     * @param name      the name after {@code --}
     * @param valueName placeholder of the value in usage text; empty for a switch
     * @param configKey the config key this flag also sets, if any
     * @param help      one line for usage text
     */
    public record Flag(String name, Optional<String> valueName, Optional<String> configKey, String help) {

        /** A switch: present or not. */
        public static Flag toggle(String name, String help) {
            return new Flag(name, Optional.empty(), Optional.empty(), help);
        }

        /** A flag with a value. */
        public static Flag valued(String name, String valueName, String help) {
            return new Flag(name, Optional.of(valueName), Optional.empty(), help);
        }

        /** Whether the flag takes a value. */
        public boolean takesValue() {
            return valueName.isPresent();
        }

        /** This flag, also setting config key {@code key} to its value ("true" for a switch). */
        public Flag setting(String key) {
            return new Flag(name, valueName, Optional.of(key), help);
        }
    }

    /**
     * What a command accepts: its flags and its config keys.
     *
     * @param command    the command name, for messages
     * @param flags      declared flags by name
     * @param configKeys config keys settable with {@code --key value} and {@code --conf}
     */
    public record Spec(String command, Map<String, Flag> flags, SortedSet<String> configKeys) {

        public Spec {
            flags = Collections.unmodifiableMap(new TreeMap<>(flags));
            configKeys = Collections.unmodifiableSortedSet(new TreeSet<>(configKeys));
        }

        /** A spec from a list of flags. */
        public static Spec of(String command, List<Flag> flags, Set<String> configKeys) {
            Map<String, Flag> m = new TreeMap<>();
            for (Flag f : flags) {
                m.put(f.name(), f);
            }
            return new Spec(command, m, new TreeSet<>(configKeys));
        }

        /** The flags every job command declares, plus the job's own (see the class comment). */
        public static Spec forJob(Job job) {
            List<Flag> f = new ArrayList<>(List.of(
                    Flag.toggle("help", "print this help"),
                    Flag.toggle("skip_bad", "skip unreadable manifest rows and report them (sets skip_bad)")
                            .setting("skip_bad"),
                    Flag.valued("dev", "DEVICE", "cpu, gpu, cuda:N: checked against the ND4J backend; selects the driver's GPU"),
                    Flag.valued("num_dataset_workers", "N", "parallel tasks decoding volumes, 0 = two per core")
                            .setting("num_dataset_workers"),
                    Flag.valued("master", "URL", "Spark master of a local run, e.g. local[4]")));
            switch (job) {
                case TRAIN_TASK -> {
                    f.add(Flag.valued("model_type", "TYPE", "task model type: classifier | regressor")
                            .setting("model_type"));
                    f.add(Flag.toggle("resume", "resume from the run folder's last checkpoint"));
                }
                case INFER -> {
                    f.add(Flag.toggle("itn", "apply the ITN at itn_path before the task model"));
                    f.add(Flag.toggle("stn", "apply the STN at stn_path before the task model"
                            + " (shadows the key stn: use --conf stn=TYPE)"));
                    f.add(Flag.toggle("save_images", "also write the transformed images as NIfTI with a manifest"
                            + " (<output_dir>/inference/images/<run_name>/)"));
                }
                case DA_UNIDIRECTIONAL, DA_BIDIRECTIONAL -> {
                    f.add(Flag.toggle("nii", "write validation samples as NIfTI"));
                    f.add(Flag.toggle("png", "write validation samples as PNG"));
                    f.add(Flag.toggle("B2A", "reference flag: use the B-to-A direction"));
                    f.add(Flag.toggle("resume", "resume from the run folder's last checkpoint"));
                    f.add(Flag.valued("model_type", "TYPE", "task model type: classifier | regressor")
                            .setting("model_type"));
                }
            }
            return of(job.command(), f, job.keys());
        }

        /** Usage text: one line per option. */
        public String usage() {
            StringBuilder sb = new StringBuilder("usage: istn " + command + " [options]\n");
            sb.append("  --config PATH          a .json or .conf config file\n");
            sb.append("  --conf KEY=VALUE       set a config key (repeatable)\n");
            sb.append("  --KEY VALUE            set a config key: ").append(String.join(", ", configKeys)).append('\n');
            for (Flag f : flags.values()) {
                String left = "--" + f.name() + f.valueName().map(v -> " " + v).orElse("");
                sb.append(String.format("  %-22s %s%n", left, f.help()));
            }
            return sb.toString();
        }

        String allowed() {
            List<String> names = new ArrayList<>(List.of("--config PATH", "--conf KEY=VALUE"));
            for (Flag f : flags.values()) {
                names.add("--" + f.name() + f.valueName().map(v -> " " + v).orElse(""));
            }
            return String.join(", ", names) + ", and --KEY VALUE for the config keys "
                    + String.join(", ", configKeys);
        }
    }

    /** A command line that cannot be parsed; the message says why and what is allowed. */
    public static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** An error with this message. */
        public UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses the arguments after the command name.
     *
     * @throws UsageException for an unknown option, a missing or malformed value, or a repeated
     *         {@code --config}
     */
    public static CommandLineArgs parse(Spec spec, String... args) {
        Map<String, String> flags = new LinkedHashMap<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        String configPath = null;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                positional.addAll(List.of(args).subList(i + 1, args.length));
                break;
            } else if (arg.equals("-h")) {
                flags.put("help", "true");
                continue;
            } else if (!arg.startsWith("--")) {
                if (arg.length() > 1 && arg.startsWith("-")) {
                    throw unknown(spec, arg);
                }
                positional.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = arg.substring(2, eq < 0 ? arg.length() : eq);
            String inline = eq < 0 ? null : arg.substring(eq + 1);
            Flag flag = spec.flags().get(name);
            if (flag != null && !flag.takesValue()) {
                String value = switchValue(spec, flag, inline);
                flags.put(name, value);
                flag.configKey().ifPresent(k -> overrides.put(k, value));
                continue;
            }
            boolean known = flag != null || name.equals("config") || name.equals("conf")
                    || spec.configKeys().contains(name);
            if (!known) {
                throw unknown(spec, "--" + name);
            }
            String value = inline;
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException("option --" + name + " of istn " + spec.command()
                            + " needs a value");
                }
                value = args[++i];
            }
            if (flag != null) {
                flags.put(name, value);
                String v = value;
                flag.configKey().ifPresent(k -> overrides.put(k, v));
            } else if (name.equals("config")) {
                if (configPath != null) {
                    throw new UsageException("--config given twice (" + configPath + " and " + value
                            + "); merge the files or set single keys with --conf KEY=VALUE");
                }
                configPath = value;
            } else if (name.equals("conf")) {
                int kv = value.indexOf('=');
                String key = kv < 0 ? "" : value.substring(0, kv).trim();
                if (kv < 0 || key.isEmpty()) {
                    throw new UsageException("--conf needs KEY=VALUE, found '" + value + "'");
                }
                if (!spec.configKeys().contains(key)) {
                    throw new UsageException("unknown config key '" + key + "' in --conf " + value
                            + " for istn " + spec.command() + suggestion(key, spec.configKeys(), "'", "'")
                            + "\nconfig keys: " + String.join(", ", spec.configKeys()));
                }
                overrides.remove(key);
                overrides.put(key, value.substring(kv + 1));
            } else {
                overrides.remove(name);
                overrides.put(name, value);
            }
        }
        return new CommandLineArgs(spec.command(), flags, overrides, Optional.ofNullable(configPath),
                positional);
    }

    private static String switchValue(Spec spec, Flag flag, String inline) {
        if (inline == null || inline.equals("true") || inline.equals("1")) {
            return "true";
        } else if (inline.equals("false") || inline.equals("0")) {
            return "false";
        }
        String shadowed = spec.configKeys().contains(flag.name())
                ? "; to set the config key " + flag.name() + " use --conf " + flag.name() + "=" + inline
                : "";
        throw new UsageException("--" + flag.name() + " is a switch of istn " + spec.command()
                + " and takes no value (or true/false), found '" + inline + "'" + shadowed);
    }

    private static UsageException unknown(Spec spec, String option) {
        List<String> names = new ArrayList<>(spec.configKeys());
        names.addAll(spec.flags().keySet());
        names.addAll(List.of("config", "conf"));
        String bare = option.replaceFirst("^-+", "");
        return new UsageException("unknown option " + option + " for istn " + spec.command()
                + suggestion(bare, names, "--", "") + "\nallowed: " + spec.allowed());
    }

    private static String suggestion(String typed, Collection<String> names, String pre, String post) {
        return ClosestMatch.among(typed, names).map(n -> ": did you mean " + pre + n + post + "?").orElse("");
    }
}
