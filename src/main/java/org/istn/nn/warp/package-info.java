/**
 * Differentiable warping of images: the grid sampler and the grids it samples on.
 *
 * <p>{@link org.istn.nn.warp.GridSampler} is bilinear (2D) / trilinear (3D) sampling with zero
 * padding, with the semantics of PyTorch's
 * {@code grid_sample(input, grid, mode='bilinear', padding_mode='zeros', align_corners=…)}, and
 * its hand-written backward (gradient to the image and to the grid).
 * {@link org.istn.nn.warp.AffineGrid} is PyTorch's {@code affine_grid} and its backward (gradient
 * to θ); {@link org.istn.nn.warp.IdentityGrid} gives the grid and θ that leave an image unchanged.
 * ND4J has no such operation, and a sampler built from SameDiff gathers has wrong or slow
 * gradients, so this package works on plain C-order {@code float[]}/{@code double[]} arrays (the
 * ND4J layout), with {@code INDArray} conveniences on top for chaining to SameDiff through
 * placeholder gradients.
 *
 * <p>Layouts (C order, as in PyTorch and ND4J):
 * <ul>
 *   <li>image {@code [N, C, H, W]} (2D) or {@code [N, C, D, H, W]} (3D);</li>
 *   <li>grid {@code [N, Hout, Wout, 2]} or {@code [N, Dout, Hout, Wout, 3]}; the last axis holds
 *       normalised coordinates {@code (x, y[, z])} in [-1, 1], x along W, y along H, z along D;</li>
 *   <li>sampled output {@code [N, C, Hout, Wout]} or {@code [N, C, Dout, Hout, Wout]};</li>
 *   <li>θ {@code [N, 2, 3]} or {@code [N, 3, 4]}, mapping output coordinates (x, y[, z], 1) to
 *       input coordinates.</li>
 * </ul>
 * {@code alignCorners = true}: -1 and +1 are the centres of the corner voxels;
 * {@code false}: they are the outer edges of the corner voxels. Use one convention for the grid and
 * the sampler; then the identity grid reproduces an image exactly.
 */
package org.istn.nn.warp;
