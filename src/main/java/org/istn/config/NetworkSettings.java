package org.istn.config;

import java.util.Map;

/**
 * Sizes shared by the networks of a job.
 *
 * @param nf         base number of feature maps; layers use nf, 2nf, 4nf, 8nf ({@code nf})
 * @param numClasses task-model outputs: 1 for a regressor or binary classifier, more for a
 *                   multi-class classifier ({@code num_classes})
 */
public record NetworkSettings(int nf, int numClasses) {

    public NetworkSettings {
        Check.atLeast("nf", nf, 1);
        Check.atLeast("num_classes", numClasses, 1);
    }

    static NetworkSettings read(ConfigValues v) {
        return new NetworkSettings(v.integer("nf"), v.integer("num_classes"));
    }

    void putTo(Map<String, Object> m) {
        m.put("nf", nf);
        m.put("num_classes", numClasses);
    }
}
