package org.istn.bench;

import org.nd4j.autodiff.samediff.SameDiff;

/**
 * One network on one input setting, ready to run: the inputs are made and the graph is built.
 * A workload is used by one thread and dropped after its row of the table.
 */
public interface Workload {

    /** The row label: the network, {@code +dx} when the input gradient is computed as well. */
    String label();

    /** One forward pass (batch statistics, as in training). */
    void forward();

    /** One forward pass and the backward pass to every trainable parameter (and the input, for {@code +dx}). */
    void forwardBackward();

    /** The SameDiff graph, for attaching listeners. */
    SameDiff graph();
}
