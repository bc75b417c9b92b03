package org.istn.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reads of one job's merged configuration: the only place that touches Typesafe Config
 * values after loading. Type errors say what the key must be and render the value found; the
 * loader adds where it came from ({@link #locate}).
 */
final class ConfigValues {
    private static final Set<String> NONE_WORDS = Set.of("", "0", "none", "null", "false");
    private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "on", "1");
    private static final Set<String> FALSE_WORDS = Set.of("false", "no", "off", "0");

    private final Job job;
    private final Set<String> keys;
    private final Config config;
    private final String defaultsOrigin;

    ConfigValues(Job job, Config config, String defaultsOrigin) {
        this.job = job;
        this.keys = job.keys();
        this.config = config;
        this.defaultsOrigin = defaultsOrigin;
    }

    Job job() {
        return job;
    }

    /** Any string; numbers and booleans count as their text. */
    String string(String key) {
        ConfigValue v = raw(key);
        switch (v.valueType()) {
            case STRING -> {
                return (String) v.unwrapped();
            }
            case NUMBER, BOOLEAN -> {
                return render(v);
            }
            default -> throw typeError(key, "a string", v);
        }
    }

    /** A path or name that may be absent: 0, false, null, "" and "none" all mean none. */
    Optional<String> optionalString(String key) {
        return optionalString(key, "a string, or 0/none for none");
    }

    /** As {@link #optionalString(String)}; {@code expected} describes the allowed values. */
    Optional<String> optionalString(String key, String expected) {
        ConfigValue v = raw(key);
        switch (v.valueType()) {
            case NULL -> {
                return Optional.empty();
            }
            case BOOLEAN -> {
                if (!(Boolean) v.unwrapped()) {
                    return Optional.empty();
                }
            }
            case NUMBER -> {
                if (((Number) v.unwrapped()).doubleValue() == 0) {
                    return Optional.empty();
                }
            }
            case STRING -> {
                String s = ((String) v.unwrapped()).trim();
                return NONE_WORDS.contains(s.toLowerCase(Locale.ROOT)) ? Optional.empty() : Optional.of(s);
            }
            default -> { }
        }
        throw typeError(key, expected, v);
    }

    /** true/false, 1/0 (the reference's convention), or yes/no/on/off. */
    boolean bool(String key) {
        ConfigValue v = raw(key);
        Object u = v.unwrapped();
        if (u instanceof Boolean b) {
            return b;
        }
        String word = u instanceof String s ? s.trim().toLowerCase(Locale.ROOT)
                : u instanceof Number ? render(v) : null;
        if (word != null && TRUE_WORDS.contains(word)) {
            return true;
        } else if (word != null && FALSE_WORDS.contains(word)) {
            return false;
        }
        throw typeError(key, "a boolean (true/false or 1/0)", v);
    }

    int integer(String key) {
        ConfigValue v = raw(key);
        return integral(v).filter(ConfigValues::fitsInt).map(BigDecimal::intValueExact)
                .orElseThrow(() -> typeError(key, "an integer", v));
    }

    long longInteger(String key) {
        ConfigValue v = raw(key);
        return integral(v).filter(d -> d.toBigInteger().bitLength() < 64).map(BigDecimal::longValueExact)
                .orElseThrow(() -> typeError(key, "an integer", v));
    }

    double number(String key) {
        ConfigValue v = raw(key);
        return numeric(v).map(BigDecimal::doubleValue)
                .orElseThrow(() -> typeError(key, "a number", v));
    }

    /** A list of integers; a string such as "64,64,64" (handy on the command line) also works. */
    List<Integer> integers(String key) {
        ConfigValue v = raw(key);
        List<Integer> out = new ArrayList<>();
        for (ConfigValue e : elements(v)) {
            out.add(integral(e).filter(ConfigValues::fitsInt).map(BigDecimal::intValueExact)
                    .orElseThrow(() -> typeError(key, "a list of integers, such as [64, 64, 64]", v)));
        }
        if (out.isEmpty() && v.valueType() != ConfigValueType.LIST) {
            throw typeError(key, "a list of integers, such as [64, 64, 64]", v);
        }
        return out;
    }

    /** A list of numbers; a string such as "0.01,0.05" also works. */
    List<Double> numbers(String key) {
        ConfigValue v = raw(key);
        List<Double> out = new ArrayList<>();
        for (ConfigValue e : elements(v)) {
            out.add(numeric(e).map(BigDecimal::doubleValue)
                    .orElseThrow(() -> typeError(key, "a list of numbers, such as [0.01, 0.05]", v)));
        }
        if (out.isEmpty() && v.valueType() != ConfigValueType.LIST) {
            throw typeError(key, "a list of numbers, such as [0.01, 0.05]", v);
        }
        return out;
    }

    List<String> strings(String key) {
        ConfigValue v = raw(key);
        if (!(v instanceof ConfigList list)) {
            throw typeError(key, "a list of strings", v);
        }
        List<String> out = new ArrayList<>();
        for (ConfigValue e : list) {
            if (!(e.unwrapped() instanceof String s)) {
                throw typeError(key, "a list of strings", v);
            }
            out.add(s);
        }
        return out;
    }

    /**
     * Adds where the value of the exception's key came from, unless it came from the built-in
     * defaults, which are not where a user can fix it.
     */
    SettingsException locate(SettingsException e) {
        Optional<String> where = e.key().filter(config.root()::containsKey)
                .flatMap(k -> where(config.root().get(k).origin()));
        return where.isPresent()
                ? new SettingsException(e.key().get(), e.getMessage() + " (from " + where.get() + ")", e)
                : e;
    }

    /** "my.json, line 4", "environment variable ISTN_X", ...; empty for the defaults. */
    Optional<String> where(ConfigOrigin origin) {
        String description = origin.withLineNumber(-1).description();
        if (description.equals(defaultsOrigin)) {
            return Optional.empty();
        }
        return Optional.of(origin.lineNumber() >= 0 ? description + ", line " + origin.lineNumber()
                : description);
    }

    private ConfigValue raw(String key) {
        if (!keys.contains(key)) {
            throw new IllegalStateException(job.command() + " reads '" + key
                    + "', which is not one of its keys");
        }
        ConfigValue v = config.root().get(key);
        if (v == null) {
            throw new SettingsException(key, key + " has no value and no default in "
                    + job.defaultsResource());
        }
        return v;
    }

    private static List<ConfigValue> elements(ConfigValue v) {
        if (v instanceof ConfigList list) {
            return list;
        }
        List<ConfigValue> out = new ArrayList<>();
        if (v.unwrapped() instanceof String s && !s.isBlank()) {
            for (String part : s.split(",", -1)) {
                out.add(ConfigValueFactory.fromAnyRef(part.trim()));
            }
        }
        return out;
    }

    private static Optional<BigDecimal> numeric(ConfigValue v) {
        Object u = v.unwrapped();
        try {
            if (u instanceof Double d) {
                return Double.isFinite(d) ? Optional.of(BigDecimal.valueOf(d)) : Optional.empty();
            } else if (u instanceof Number n) {
                return Optional.of(new BigDecimal(n.toString()));
            } else if (u instanceof String s) {
                return Optional.of(new BigDecimal(s.trim()));
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<BigDecimal> integral(ConfigValue v) {
        return numeric(v).filter(d -> d.signum() == 0 || d.stripTrailingZeros().scale() <= 0);
    }

    private static boolean fitsInt(BigDecimal d) {
        return d.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0
                && d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
    }

    private static SettingsException typeError(String key, String expected, ConfigValue found) {
        return new SettingsException(key, key + " must be " + expected + ", found " + render(found));
    }

    static String render(ConfigValue v) {
        return v.render(ConfigRenderOptions.concise());
    }
}
