package org.istn.nn;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A spatial transformer network: from an image it predicts a sampling grid (the image is then
 * resampled on it by the hand-written grid sampler, outside SameDiff).
 */
public interface SpatialTransformer {

    /** A short name of the kind ("affine-stn", "bspline-stn"), used in saved files. */
    String kind();

    /**
     * Grid and interpretable by-products of one transform.
     *
     * @param grid sampling grid {@code [N, (D,) H, W, dims]}, coordinates (x, y[, z]) in [-1, 1]
     *     with {@code align_corners = false}
     * @param explain named per-image quantities for explainability outputs (affine parameters,
     *     control points, displacement), each {@code [N, …]}
     */
    record Outputs(SDVariable grid, Map<String, SDVariable> explain) {}

    /** Adds the transformer to {@code b}'s graph for input {@code x}. */
    Outputs build(NetBuilder b, SDVariable x);
}
