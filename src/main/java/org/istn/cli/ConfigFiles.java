package org.istn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.istn.config.ConfigSource;
import org.istn.config.SettingsException;

/**
 * Reads the {@code --config} file: a local path, or any Hadoop filesystem URI
 * ({@code hdfs://…/my.json}, {@code s3a://…/my.conf}) so that cluster runs can keep their
 * configuration next to their data.
 */
final class ConfigFiles {

    private ConfigFiles() {}

    static ConfigSource read(String location, Configuration hadoop) {
        if (!hasScheme(location) || location.startsWith("file:")) {
            String local = location.startsWith("file:") ? java.net.URI.create(location).getPath() : location;
            return ConfigSource.readLocal(Path.of(local));
        }
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
        try (InputStream in = p.getFileSystem(hadoop).open(p)) {
            return ConfigSource.of(new String(in.readAllBytes(), StandardCharsets.UTF_8), location);
        } catch (IOException e) {
            throw new SettingsException(null, "cannot read config file " + location + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasScheme(String s) {
        int colon = s.indexOf(':');
        int slash = s.indexOf('/');
        return colon > 1 && (slash < 0 || colon < slash);
    }
}
