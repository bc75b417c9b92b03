package org.istn.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a job's configuration once, on the driver, into its immutable settings record.
 *
 * <p>Four layers, highest precedence first: the command line, {@code ISTN_<KEY>} environment
 * variables, the user's config file ({@code .json} or {@code .conf}), and the job's defaults
 * ({@code conf/<job>.conf} on the classpath). Every key of the result must be one of the job's
 * keys ({@link Job#keys()}); a typo is an error that suggests the closest key.
 *
 * <p>Command-line and environment values are read as HOCON values when they look like one (a
 * number, true/false/null, or text starting with {@code [}, <code>{</code> or {@code "}), so
 * {@code [32,32]} is a list; anything else is taken verbatim as a string, so paths such as
 * {@code hdfs://nn/data/a.tsv} need no quotes.
 */
public final class SettingsLoader {
    /** Environment variables with this prefix set config keys: {@code ISTN_LEARNING_RATE}. */
    public static final String ENV_PREFIX = "ISTN_";

    /**
     * {@code ISTN_*} variables that belong to launchers and scripts, not to the configuration;
     * they are ignored. Any other {@code ISTN_*} variable must name a key of some job.
     */
    public static final SortedSet<String> LAUNCHER_VARIABLES = Collections.unmodifiableSortedSet(
            new TreeSet<>(List.of("ISTN_HOME", "ISTN_JAR", "ISTN_MASTER", "ISTN_PYTHON", "ISTN_SKIP_BUILD")));

    static final String COMMAND_LINE = "the command line";

    private static final Pattern LITERAL =
            Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|true|false|null");

    private SettingsLoader() {}

    /**
     * Loads and validates the settings of {@code job}.
     *
     * @param userFile     the file given with {@code --config}, if any
     * @param cliOverrides config keys set on the command line (key to raw value)
     * @param environment  the process environment; only {@code ISTN_*} variables are read
     * @return a {@link TaskTrainingSettings}, {@link DomainAdaptationSettings} or
     *         {@link InferenceSettings}, as the job says
     * @throws SettingsException if a file does not parse, a key is unknown, or a value is
     *         missing, of the wrong type or out of range
     */
    public static JobSettings load(Job job, Optional<ConfigSource> userFile,
            Map<String, String> cliOverrides, Map<String, String> environment) {
        ConfigSource defaults = defaults(job);
        Config merged;
        try {
            merged = layer(cliOverrides, COMMAND_LINE)
                    .withFallback(environmentLayer(job, environment))
                    .withFallback(userFile.map(SettingsLoader::parse).orElse(ConfigFactory.empty()))
                    .withFallback(parse(defaults))
                    .resolve();
        } catch (ConfigException e) {
            throw new SettingsException(null, "cannot load the configuration of " + job.command()
                    + ": " + e.getMessage(), e);
        }
        ConfigValues values = new ConfigValues(job, merged, defaults.origin());
        checkKeys(job, merged, values);
        try {
            return switch (job) {
                case TRAIN_TASK -> TaskTrainingSettings.read(values);
                case DA_UNIDIRECTIONAL, DA_BIDIRECTIONAL -> DomainAdaptationSettings.read(values);
                case INFER -> InferenceSettings.read(values);
            };
        } catch (SettingsException e) {
            throw values.locate(e);
        }
    }

    /** The job's built-in defaults, read from the classpath (so a jar works anywhere). */
    public static ConfigSource defaults(Job job) {
        String resource = job.defaultsResource();
        try (InputStream in = SettingsLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath; the build"
                        + " copies conf/*.conf into the jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ConfigSource(text, resource + " (built-in defaults)", ConfigSource.Format.HOCON);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    static Config parse(ConfigSource source) {
        ConfigParseOptions options = ConfigParseOptions.defaults()
                .setOriginDescription(source.origin())
                .setSyntax(source.format() == ConfigSource.Format.JSON ? ConfigSyntax.JSON : ConfigSyntax.CONF);
        try {
            return ConfigFactory.parseString(source.text(), options);
        } catch (ConfigException e) {
            throw new SettingsException(null, "cannot parse " + e.getMessage(), e);
        }
    }

    /** The {@code ISTN_*} variables that set keys of {@code job}; those of other jobs are skipped. */
    static Config environmentLayer(Job job, Map<String, String> environment) {
        Map<String, String> ownKeys = byEnvName(job.keys());
        Map<String, String> anyJobKeys = byEnvName(Job.allKeys());
        Config layer = ConfigFactory.empty();
        for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ENV_PREFIX) || LAUNCHER_VARIABLES.contains(name)) {
                continue;
            }
            String envName = name.substring(ENV_PREFIX.length()).toUpperCase(Locale.ROOT);
            String key = ownKeys.get(envName);
            if (key != null) {
                layer = layer.withValue(ConfigUtil.joinPath(key),
                        value(key, e.getValue(), "environment variable " + name));
            } else if (!anyJobKeys.containsKey(envName)) {
                String typed = envName.toLowerCase(Locale.ROOT);
                String hint = ClosestMatch.among(typed, job.keys())
                        .or(() -> ClosestMatch.among(typed, Job.allKeys()))
                        .map(k -> "; did you mean " + ENV_PREFIX + k.toUpperCase(Locale.ROOT) + "?")
                        .orElse("");
                throw new SettingsException(null, "unknown environment variable " + name
                        + ": no job has a config key '" + typed + "'" + hint + " (" + ENV_PREFIX
                        + "<KEY> variables set config keys; " + String.join(", ", LAUNCHER_VARIABLES)
                        + " are launcher variables and ignored)");
            }
        }
        return layer;
    }

    /** One layer of raw key=value strings, e.g. from the command line. */
    static Config layer(Map<String, String> raw, String origin) {
        Config layer = ConfigFactory.empty();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            layer = layer.withValue(ConfigUtil.joinPath(e.getKey()), value(e.getKey(), e.getValue(), origin));
        }
        return layer;
    }

    /** A raw string as a config value: HOCON when it looks like a value, else the text itself. */
    static ConfigValue value(String key, String raw, String origin) {
        String t = raw.trim();
        ConfigValue v;
        if (t.startsWith("[") || t.startsWith("{") || t.startsWith("\"") || LITERAL.matcher(t).matches()) {
            try {
                v = ConfigFactory.parseString("v = " + t).root().get("v");
            } catch (ConfigException e) {
                throw new SettingsException(key, "cannot read the value of " + key + " from " + origin
                        + " as a HOCON value: " + raw + " (" + e.getMessage().replaceFirst("^String: 1: ", "") + ")", e);
            }
        } else {
            v = ConfigValueFactory.fromAnyRef(raw);
        }
        return v.withOrigin(ConfigOriginFactory.newSimple(origin));
    }

    private static Map<String, String> byEnvName(SortedSet<String> keys) {
        Map<String, String> m = new TreeMap<>();
        for (String k : keys) {
            m.put(k.toUpperCase(Locale.ROOT), k);
        }
        return m;
    }

    private static void checkKeys(Job job, Config merged, ConfigValues values) {
        SortedSet<String> known = job.keys();
        List<String> problems = new ArrayList<>();
        String lastKey = null;
        for (String key : new TreeSet<>(merged.root().keySet())) {
            if (known.contains(key)) {
                continue;
            }
            lastKey = key;
            String where = values.where(merged.root().get(key).origin()).orElse(job.defaultsResource());
            List<String> owners = new ArrayList<>();
            for (Job j : Job.values()) {
                if (j.keys().contains(key)) {
                    owners.add(j.command());
                }
            }
            String hint = !owners.isEmpty()
                    ? ": " + key + " is a key of " + String.join(" and ", owners) + ", not of " + job.command()
                    : ClosestMatch.among(key, known).map(k -> ": did you mean '" + k + "'?")
                            .orElse("; the keys of " + job.command() + " are " + String.join(", ", known));
            problems.add("unknown key '" + key + "' in " + where + hint);
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems.size() == 1 ? lastKey : null, String.join("\n", problems));
        }
    }
}
