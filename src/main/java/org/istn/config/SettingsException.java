package org.istn.config;

import java.util.Optional;

/**
 * A configuration that cannot be used: a typo in a key, a value of the wrong type or out of
 * range, a required value missing, or a file that does not parse. The message names the key,
 * the value found, what is allowed and, where known, where the value came from.
 */
public final class SettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /** An error about {@code key} (may be null when no single key is at fault). */
    public SettingsException(String key, String message) {
        this(key, message, null);
    }

    /** An error about {@code key} caused by {@code cause}. */
    public SettingsException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** The configuration key at fault, if one is. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }
}
