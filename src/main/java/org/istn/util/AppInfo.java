package org.istn.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The application's name and version, read from the jar (filled in by the Maven build). */
public final class AppInfo {
    public static final String NAME = "istn-spark";
    public static final String VERSION = readVersion();

    private AppInfo() {}

    private static String readVersion() {
        try (InputStream in = AppInfo.class.getResourceAsStream("/istn-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("app.version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
