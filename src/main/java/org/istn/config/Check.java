package org.istn.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Range checks for the settings records' constructors. Each failure is a
 * {@link SettingsException} naming the key, what is allowed and the value found; the loader
 * appends where the value came from.
 */
final class Check {

    private Check() {}

    static SettingsException fail(String key, String message) {
        return new SettingsException(key, message);
    }

    /**
     * The constant whose config name is {@code value} (trimmed, any case); otherwise an error
     * naming the key and listing the names, joined by {@code separator}.
     */
    static <E> E oneOf(String key, String value, E[] constants, Function<E, String> configName, String separator) {
        List<String> names = new ArrayList<>();
        for (E c : constants) {
            if (configName.apply(c).equals(value.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
            names.add(configName.apply(c));
        }
        throw fail(key, key + " must be one of " + String.join(separator, names) + ", found \"" + value + "\"");
    }

    static int atLeast(String key, int value, int min) {
        if (value < min) {
            throw fail(key, key + " must be >= " + min + ", found " + value);
        }
        return value;
    }

    static double positive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw fail(key, key + " must be a number > 0, found " + number(value));
        }
        return value;
    }

    static double nonNegative(String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw fail(key, key + " must be a number >= 0, found " + number(value));
        }
        return value;
    }

    static String nonBlank(String key, String value) {
        Objects.requireNonNull(value, key);
        if (value.isBlank()) {
            throw fail(key, key + " must not be empty");
        }
        return value;
    }

    /** A value the job cannot run without (a manifest, a model path). */
    static String required(String key, String value, Job job) {
        if (value == null || value.isBlank()) {
            throw fail(key, key + " is required for " + job.command() + " but has no value; set it"
                    + " in the config file, with --" + key + " VALUE or with ISTN_"
                    + key.toUpperCase(Locale.ROOT));
        }
        return value;
    }

    /** Positive integers, e.g. one per image axis. */
    static List<Integer> positiveInts(String key, List<Integer> values) {
        List<Integer> copy = List.copyOf(values);
        for (int v : copy) {
            if (v < 1) {
                throw fail(key, key + " entries must be integers >= 1, found " + copy);
            }
        }
        return copy;
    }

    static <T> T notNull(String key, T value) {
        return Objects.requireNonNull(value, key);
    }

    /** A double as a user would write it: 5.0E-5 as 0.00005, 50.0 as 50. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String numbers(List<Double> values) {
        List<String> s = new ArrayList<>();
        for (double v : values) {
            s.add(number(v));
        }
        return "[" + String.join(", ", s) + "]";
    }
}
