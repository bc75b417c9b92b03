package org.istn.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md keeps up with the keys. */
class ConfigurationDocTest {

    @Test
    void everyKeyHasATableRow() throws IOException {
        String doc = Files.readString(Path.of("docs/configuration.md"));
        for (String key : Job.allKeys()) {
            assertTrue(doc.contains("| `" + key + "` |"), "docs/configuration.md lacks a row for " + key);
        }
        for (String variable : SettingsLoader.LAUNCHER_VARIABLES) {
            assertTrue(doc.contains("`" + variable + "`"), "docs/configuration.md lacks " + variable);
        }
    }
}
