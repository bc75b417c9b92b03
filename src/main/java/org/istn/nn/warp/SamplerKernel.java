package org.istn.nn.warp;

/**
 * The inner loops of the grid sampler for one storage type ({@code float[]} or
 * {@code double[]}), over the output points {@code [p0, p1)} of image {@code n}. Arithmetic is
 * in double precision in both; only loads and stores differ.
 *
 * @param <A> the array type
 */
interface SamplerKernel<A> {

    /** Relative distance within which coordinates snap to voxel centres (see {@link Corners}). */
    double snap();

    /** A zero-filled array of {@code length} elements. */
    A allocate(int length);

    /** Number of elements of {@code array}. */
    int length(A array);

    /** Writes the sampled values of points {@code [p0, p1)} of image {@code n} to {@code output}. */
    void forward(A input, A grid, A output, SamplingGeometry g, int n, int p0, int p1,
            Corners corners);

    /**
     * Adds the input-gradient contributions of points {@code [p0, p1)} of image {@code n} to
     * {@code gradInput}, whose image block starts at {@code gradInputOffset}, and writes the grid
     * gradient of those points to {@code gradGrid}.
     */
    void backward(A input, A grid, A gradOutput, A gradInput, int gradInputOffset, A gradGrid,
            SamplingGeometry g, int n, int p0, int p1, Corners corners);

    /** {@code target[targetOffset + i] += source[i]} for {@code i} in {@code [from, to)}. */
    void addInto(A target, int targetOffset, A source, int from, int to);
}
