package org.istn.nn.warp;

/**
 * The gradients of a scalar loss with respect to the two inputs of
 * {@link GridSampler#forward grid sampling}, given the loss's gradient with respect to the
 * sampled output.
 *
 * @param input gradient with respect to the image, shaped like the image
 * @param grid gradient with respect to the grid, shaped like the grid
 * @param <A> {@code float[]}, {@code double[]} or {@code INDArray}
 */
public record SamplerGradients<A>(A input, A grid) {}
