package org.istn.spark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import org.istn.nn.Istn;
import org.istn.nn.ModelStore;
import org.istn.nn.TaskModel;
import org.istn.nn.TaskModelStore;
import org.istn.nn.TransformerChain;

/**
 * The saved models of an inference run as bytes, shipped to executors by broadcast and rebuilt
 * there once per partition (live ND4J graphs never travel): the task model file, and the ISTN
 * files whose ITN and STN are applied before it (see {@link TransformerChain} for how they
 * combine).
 *
 * @param task the task model file ({@link TaskModelStore})
 * @param taskSource where it was read from (for messages)
 * @param itn the ISTN file whose ITN is applied, or null for none
 * @param itnSource where it was read from, or null
 * @param stn the ISTN file whose STN is applied, or null for none
 * @param stnSource where it was read from, or null
 */
public record ModelBytes(byte[] task, String taskSource, byte[] itn, String itnSource, byte[] stn,
        String stnSource) implements Serializable {

    /** Whether ITN and STN come from one file (then that ISTN runs as trained). */
    public boolean sameTransformerFile() {
        return itn != null && stn != null && itnSource.equals(stnSource);
    }

    /** The task model, ready to predict. */
    public TaskModel taskModel() throws IOException {
        return TaskModelStore.load(new ByteArrayInputStream(task), taskSource, 0.0).model();
    }

    /**
     * The transformers, ready to run (empty without ITN and STN).
     *
     * @throws IOException naming the file for a file that is not a complete ISTN
     * @throws IllegalArgumentException naming the file when it lacks the part asked for
     */
    public TransformerChain transformers() throws IOException {
        Istn i = itn == null ? null : ModelStore.loadIstn(new ByteArrayInputStream(itn), itnSource).istn();
        Istn s = stn == null ? null : sameTransformerFile() ? i
                : ModelStore.loadIstn(new ByteArrayInputStream(stn), stnSource).istn();
        return TransformerChain.of(i, itnSource, s, stnSource, sameTransformerFile());
    }
}
