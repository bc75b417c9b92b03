package org.istn.train.listen;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/** Numbers and durations written for people in log lines: short, fixed rules, locale-free. */
public final class HumanFormat {

    private HumanFormat() {}

    /**
     * A duration in its two largest units: {@code 350ms} (under a second), {@code 42s},
     * {@code 2m10s}, {@code 1h05m}, {@code 2d03h}; rounded to the nearest unit shown (seconds
     * for {@code 2m10s}); {@code 0s} for zero, {@code ?} for null or negative (unknown).
     */
    public static String duration(Duration d) {
        if (d == null || d.isNegative()) {
            return "?";
        }
        if (d.isZero()) {
            return "0s";
        }
        double seconds = d.getSeconds() + d.getNano() / 1e9;
        if (seconds < 0.9995) {
            return Math.max(1, Math.round(seconds * 1000)) + "ms";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        long m = (s + 30) / 60;
        if (m < 24 * 60) {
            return String.format(Locale.ROOT, "%dh%02dm", m / 60, m % 60);
        }
        long h = (m + 30) / 60;
        return String.format(Locale.ROOT, "%dd%02dh", h / 24, h % 24);
    }

    /** A duration given in seconds, as {@link #duration(Duration)}. */
    public static String seconds(double seconds) {
        if (!(seconds >= 0) || seconds > 1e15) {
            return "?";
        }
        long whole = (long) Math.floor(seconds);
        return duration(Duration.ofSeconds(whole, Math.round((seconds - whole) * 1e9)));
    }

    /**
     * A number with three significant digits and no trailing zeros ({@code 0.693}, {@code 0.41},
     * {@code 35.2}, {@code 1230}); below 0.001 or from 100000 on in exponent form
     * ({@code 1.5e-05}); {@code nan}, {@code inf}, {@code -inf}.
     */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        }
        String s = String.format(Locale.ROOT, "%.2e", v);
        int e = s.indexOf('e');
        return s.substring(0, e).replaceAll("\\.?0+$", "") + s.substring(e);
    }
}
