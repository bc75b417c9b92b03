package org.istn.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A network that can add itself to a SameDiff graph. Implementations are immutable recipes
 * (shapes and widths only): the parameters live in the graph, under the builder's prefix.
 */
public interface Network {

    /** A short name of the network's kind ("itn", "affine-stn", ...), used in saved files. */
    String kind();

    /**
     * Adds the network to {@code b}'s graph.
     *
     * @param x the input, {@code [N, 1, H, W]} or {@code [N, 1, D, H, W]}
     * @return the network's main output
     */
    SDVariable build(NetBuilder b, SDVariable x);
}
