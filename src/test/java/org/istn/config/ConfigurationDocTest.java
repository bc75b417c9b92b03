package org.istn.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README.md's key table and docs/configuration.md keep up with the keys. */
class ConfigurationDocTest {

    @Test
    void everyKeyHasATableRow() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (String key : Job.allKeys()) {
            assertTrue(readme.contains("| `" + key + "` |"), "README.md lacks a row for " + key);
        }
        String doc = Files.readString(Path.of("docs/configuration.md"));
        for (String variable : SettingsLoader.LAUNCHER_VARIABLES) {
            assertTrue(doc.contains("`" + variable + "`"), "docs/configuration.md lacks " + variable);
        }
    }
}
