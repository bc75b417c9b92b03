package org.istn.config;

import java.util.List;
import java.util.Map;

/**
 * The spatial transformer network: its type and the B-spline grid.
 *
 * @param type            affine, bspline or none ({@code stn})
 * @param maxDisplacement largest B-spline control-point displacement, as a fraction of the image
 *                        extent, in [0, 1] ({@code max_displacement})
 * @param cpSpacing       B-spline control-point spacing in voxels, one entry per image axis
 *                        ({@code cp_spacing})
 */
public record StnSettings(StnType type, double maxDisplacement, List<Integer> cpSpacing) {

    public StnSettings {
        Check.notNull("stn", type);
        if (!(maxDisplacement >= 0 && maxDisplacement <= 1)) {
            throw Check.fail("max_displacement", "max_displacement must be between 0 and 1 (a"
                    + " fraction of the image extent), found " + Check.number(maxDisplacement));
        }
        cpSpacing = Check.positiveInts("cp_spacing", cpSpacing);
    }

    /**
     * Checks that a B-spline grid has one spacing per image axis. Other transformers ignore
     * {@code cp_spacing}, so a 2D affine run may keep the 3D default.
     */
    void checkAgainst(List<Integer> inputShape) {
        if (type == StnType.BSPLINE && cpSpacing.size() != inputShape.size()) {
            throw Check.fail("cp_spacing", "cp_spacing must have one entry per axis of input_shape "
                    + inputShape + " when stn is bspline, found " + cpSpacing);
        }
    }

    static StnSettings read(ConfigValues v) {
        return new StnSettings(StnType.fromConfig("stn", v.optionalString("stn", StnType.ALLOWED)),
                v.number("max_displacement"), v.integers("cp_spacing"));
    }

    void putTo(Map<String, Object> m) {
        m.put("stn", type.configName());
        m.put("max_displacement", maxDisplacement);
        m.put("cp_spacing", cpSpacing);
    }
}
