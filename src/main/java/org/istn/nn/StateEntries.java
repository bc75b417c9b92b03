package org.istn.nn;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reading entries of a {@link StatefulModel} state map, with messages that name the entry. */
public final class StateEntries {

    private StateEntries() {}

    /** The entry {@code name}; an error naming it when it is missing. */
    public static INDArray get(Map<String, INDArray> state, String name) {
        INDArray a = state.get(name);
        if (a == null) {
            throw new IllegalArgumentException("training state: missing entry " + name);
        }
        return a;
    }

    /** Copies entry {@code name} into {@code target}; an error when it is missing or has another length. */
    public static void assign(Map<String, INDArray> state, String name, INDArray target) {
        INDArray a = get(state, name);
        if (a.length() != target.length()) {
            throw new IllegalArgumentException("training state: entry " + name + " has shape "
                    + Arrays.toString(a.shape()) + ", the model " + Arrays.toString(target.shape()));
        }
        target.assign(a.reshape(target.shape()).castTo(target.dataType()));
    }
}
