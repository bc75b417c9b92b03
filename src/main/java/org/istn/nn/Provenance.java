package org.istn.nn;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.istn.util.AppInfo;

/**
 * Where a saved model came from: the application version, the master seed, the hash of the
 * resolved configuration, when it was made, and free-form details (job, run, epoch, manifests).
 */
public record Provenance(String appVersion, long seed, String configHash, String created, Map<String, String> details) {

    public Provenance {
        details = Map.copyOf(new TreeMap<>(details));
    }

    /** Provenance stamped now with this application's version. */
    public static Provenance now(long seed, String configHash, Map<String, String> details) {
        return new Provenance(AppInfo.VERSION, seed, configHash, Instant.now().toString(), details);
    }
}
