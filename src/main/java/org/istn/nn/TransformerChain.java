package org.istn.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The transformers applied to images before a task model at inference: an ITN, an STN, or both,
 * taken from saved ISTN files ({@link ModelStore#loadIstn}).
 *
 * <p>How the parts combine:
 * <ul>
 *   <li>ITN and STN from the same file: that file's ISTN as it was trained, {@code STN(ITN(x))}
 *       (the STN sees the ITN's output);</li>
 *   <li>ITN only: the file's ITN alone, {@code ITN(x)}; STN only: the file's STN alone on the raw
 *       image, {@code STN(x)} (an ablation when the file holds both);</li>
 *   <li>ITN and STN from two files: the ITN of the first, then the STN of the second on its
 *       output.</li>
 * </ul>
 * A part is cut out of a loaded ISTN by rebuilding a transformer with that part only and copying
 * its variables by name, so the outputs are exactly the saved network's.
 *
 * <p>Not thread-safe (SameDiff graphs): one instance per task.
 */
public final class TransformerChain {

    private final List<Istn> stages;

    private TransformerChain(List<Istn> stages) {
        this.stages = List.copyOf(stages);
    }

    /** The output of the chain and what each stage did, per image. */
    public record Result(INDArray output, List<Map<String, Double>> explanations) {}

    /**
     * @param itnFile the ISTN file holding the ITN to apply, or null for none
     * @param itnSource where it came from (for messages)
     * @param stnFile the ISTN file holding the STN to apply, or null for none
     * @param stnSource where it came from
     * @param sameFile whether both come from one file (then its ISTN runs as trained)
     * @throws IllegalArgumentException naming the file when it lacks the part asked for, or when
     *     the two files disagree on the input shape
     */
    public static TransformerChain of(Istn itnFile, String itnSource, Istn stnFile, String stnSource,
            boolean sameFile) {
        List<Istn> stages = new ArrayList<>();
        if (itnFile != null && stnFile != null && sameFile) {
            stages.add(part(itnFile, true, true, itnSource));
        } else {
            if (itnFile != null) {
                stages.add(part(itnFile, true, false, itnSource));
            }
            if (stnFile != null) {
                stages.add(part(stnFile, false, true, stnSource));
            }
        }
        if (stages.size() == 2 && !java.util.Arrays.equals(inputShape(stages.get(0)), inputShape(stages.get(1)))) {
            throw new IllegalArgumentException(stnSource + " was trained on input_shape "
                    + java.util.Arrays.toString(inputShape(stages.get(1))) + " but " + itnSource + " on "
                    + java.util.Arrays.toString(inputShape(stages.get(0))));
        }
        return new TransformerChain(stages);
    }

    /** Whether the chain does nothing (no stage). */
    public boolean isEmpty() {
        return stages.isEmpty();
    }

    /** The stages in order of application. */
    public List<Istn> stages() {
        return stages;
    }

    /** Runs every stage in inference mode (running statistics); explanations merged per image. */
    public Result apply(INDArray x) {
        List<Map<String, Double>> ex = new ArrayList<>();
        for (int i = 0; i < x.size(0); i++) {
            ex.add(new LinkedHashMap<>());
        }
        INDArray y = x;
        for (Istn s : stages) {
            Istn.Forward f = s.forward(y, false);
            List<Map<String, Double>> e = TransformExplainer.explain(s, f);
            for (int i = 0; i < ex.size(); i++) {
                ex.get(i).putAll(e.get(i));
            }
            y = f.output();
        }
        return new Result(y, ex);
    }

    /** The input shape (NIfTI order x, y[, z]) a transformer was built for. */
    public static int[] inputShape(Istn istn) {
        long[] g = istn.graph().getVariable(Istn.INPUT).getShape(); // [-1, 1, (D,) H, W]
        int dims = g.length - 2;
        int[] s = new int[dims];
        for (int i = 0; i < dims; i++) {
            s[i] = (int) g[g.length - 1 - i];
        }
        return s;
    }

    /**
     * The ITN and/or STN of {@code full} as a transformer of its own, with the same variables;
     * {@code full} itself when it holds exactly those parts.
     */
    static Istn part(Istn full, boolean itn, boolean stn, String source) {
        if (itn && full.itn() == null) {
            throw new IllegalArgumentException(source + " holds no ITN (it holds "
                    + (full.stn() == null ? "nothing" : "an STN, " + full.stn().kind() + ", only") + ")");
        }
        if (stn && full.stn() == null) {
            throw new IllegalArgumentException(source + " holds no STN (it holds an ITN only)");
        }
        if ((full.itn() != null) == itn && (full.stn() != null) == stn) {
            return full;
        }
        DataType dtype = full.graph().getVariable(Istn.INPUT).dataType();
        Istn p = new Istn(itn ? full.itn() : null, stn ? full.stn() : null, inputShape(full), dtype, 0L);
        for (String v : GraphVariables.all(p.graph())) {
            if (!full.graph().hasVariable(v)) {
                throw new IllegalArgumentException(source + ": variable " + v + " of the "
                        + (itn ? "ITN" : "STN") + " is missing");
            }
            p.graph().getVariable(v).getArr().assign(full.graph().getVariable(v).getArr());
        }
        return p;
    }
}
