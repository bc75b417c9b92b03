package org.istn.config;

import java.util.Map;

/**
 * Random training-time augmentation (keys {@code augmentation}, {@code augmentation_max_shift},
 * {@code augmentation_flip}).
 *
 * @param enabled  whether to augment at all
 * @param maxShift largest random shift per axis, in voxels (0 = no shifts)
 * @param flip     whether to flip along the first axis with probability 1/2
 */
public record Augmentation(boolean enabled, int maxShift, boolean flip) {
    /** No augmentation (inference). */
    public static final Augmentation OFF = new Augmentation(false, 0, false);

    public Augmentation {
        Check.atLeast("augmentation_max_shift", maxShift, 0);
    }

    static Augmentation read(ConfigValues v) {
        return new Augmentation(v.bool("augmentation"), v.integer("augmentation_max_shift"),
                v.bool("augmentation_flip"));
    }

    void putTo(Map<String, Object> m) {
        m.put("augmentation", enabled);
        m.put("augmentation_max_shift", maxShift);
        m.put("augmentation_flip", flip);
    }
}
