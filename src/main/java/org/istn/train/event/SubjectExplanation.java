package org.istn.train.event;

import java.util.Map;

/**
 * What a transformer did to one subject, as named figures: {@code tx, ty(, tz)} translation,
 * {@code rot_*} angles (radians), {@code scale_*}, {@code shear_*} for an affine STN;
 * {@code disp_max}, {@code disp_mean} (fractions of the extent), {@code jac_min},
 * {@code jac_nonpos_fraction} for any STN; {@code itn_mean_change}, {@code itn_max_abs_change}
 * for an ITN.
 *
 * @param id subject id
 * @param direction e.g. {@code A2B}
 * @param values figure name → value
 */
public record SubjectExplanation(String id, String direction, Map<String, Double> values) {

    public SubjectExplanation {
        values = Map.copyOf(values);
    }
}
