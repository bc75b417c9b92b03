package org.istn.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The text of one configuration file and where it came from. The caller reads the bytes (from a
 * local disk, HDFS or S3); the loader only parses. The origin name appears in error messages.
 *
 * @param text   the file's content
 * @param origin a name for messages, usually the path or URI as the user typed it
 * @param format how to parse {@code text}
 */
public record ConfigSource(String text, String origin, Format format) {

    /** The two accepted syntaxes: the reference tool's JSON, and HOCON. */
    public enum Format {
        /** Strict JSON, as the reference tool writes it. */
        JSON,
        /** HOCON (a superset of JSON with comments, unquoted strings and substitutions). */
        HOCON
    }

    public ConfigSource {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(format, "format");
    }

    /** A source whose format follows the origin's extension: {@code .json} is JSON, anything else HOCON. */
    public static ConfigSource of(String text, String origin) {
        return new ConfigSource(text, origin, formatOf(origin));
    }

    /**
     * Reads a local {@code .json} or {@code .conf} file (UTF-8).
     *
     * @throws SettingsException if the extension is neither, or the file cannot be read
     */
    public static ConfigSource readLocal(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".json") && !lower.endsWith(".conf")) {
            throw new SettingsException(null, "config file " + path
                    + " must end in .json (JSON) or .conf (HOCON)");
        }
        try {
            return of(Files.readString(path, StandardCharsets.UTF_8), path.toString());
        } catch (NoSuchFileException e) {
            throw new SettingsException(null, "config file " + path + " does not exist", e);
        } catch (IOException e) {
            throw new SettingsException(null, "cannot read config file " + path + ": " + e, e);
        }
    }

    private static Format formatOf(String origin) {
        return origin.toLowerCase(Locale.ROOT).endsWith(".json") ? Format.JSON : Format.HOCON;
    }
}
