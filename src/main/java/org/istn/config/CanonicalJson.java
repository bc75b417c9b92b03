package org.istn.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The canonical text of a resolved configuration: JSON, keys sorted, one key per line, values
 * normalised (booleans as true/false, "none" as null, numbers without trailing zeros), so that
 * equal settings give the same text and the same SHA-256 whatever file format, key order or
 * spelling (1 or true, 5e-5 or 0.00005) they were written in. The text is itself a valid
 * config file for the job.
 */
final class CanonicalJson {

    private CanonicalJson() {}

    static String render(SortedMap<String, Object> config) {
        StringBuilder sb = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> e : config.entrySet()) {
            sb.append("  ").append(string(e.getKey())).append(": ").append(value(e.getValue()));
            sb.append(++i < config.size() ? ",\n" : "\n");
        }
        return sb.append("}\n").toString();
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        } else if (v instanceof String s) {
            return string(s);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            return v.toString();
        } else if (v instanceof Double d) {
            return Check.number(d);
        } else if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(value(list.get(i)));
            }
            return sb.append(']').toString();
        }
        throw new IllegalArgumentException("no canonical form for " + v.getClass().getName());
    }

    private static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
