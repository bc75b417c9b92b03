package org.istn.config;

import java.util.Locale;

/**
 * The discriminator's normalisation after its inner convolutions (config key {@code dis_norm}).
 */
public enum DiscriminatorNorm {
    /**
     * Instance norm after every convolution but the first, as the reference. Each image's feature
     * maps are normalised on their own, so the discriminator is nearly blind to a global intensity
     * offset or gain and to how much of the volume the object fills.
     */
    INSTANCE,
    /**
     * No normalisation: the discriminator sees absolute intensities and the object's extent, so
     * the ISTN is pushed to match them (measured on the 3D brain cohort, docs/brain-cohort.md).
     */
    NONE;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the discriminator has instance norm layers. */
    public boolean instanceNorm() {
        return this == INSTANCE;
    }

    static DiscriminatorNorm fromConfig(String key, String value) {
        return Check.oneOf(key, value, values(), DiscriminatorNorm::configName, ", ");
    }
}
