package org.istn.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A SameDiff listener that adds up the wall time of every op execution, by op type and by op
 * instance (the gradient ops are named {@code <op>_bp}). The time between ops (SameDiff's own
 * bookkeeping, array allocation) is what the step's wall time has beyond the sum.
 */
public final class OpTimingListener extends BaseListener {

    private final Map<String, long[]> byType = new LinkedHashMap<>();
    private final Map<String, long[]> byOp = new LinkedHashMap<>();
    private long start;

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
        start = System.nanoTime();
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext,
            INDArray[] outputs) {
        long t = System.nanoTime() - start;
        add(byType, op.getOp().opName(), t);
        add(byOp, op.getName(), t);
    }

    /** Forgets what was recorded. */
    public void reset() {
        byType.clear();
        byOp.clear();
    }

    /** Total op time recorded, ms. */
    public double totalMs() {
        long t = 0;
        for (long[] v : byType.values()) {
            t += v[0];
        }
        return t / 1e6;
    }

    /** The top op types and op instances, per step, as text. */
    public String summary(int steps, int top) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "    op time %.1f ms/step; by op type:%n", totalMs() / steps));
        append(sb, byType, steps, top, true);
        sb.append("    slowest op instances:\n");
        append(sb, byOp, steps, top, false);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Map<String, long[]> m, int steps, int top, boolean calls) {
        m.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(top)
                .forEach(e -> sb.append(String.format(Locale.ROOT, "      %-34s %9.1f ms/step%s%n", e.getKey(),
                        e.getValue()[0] / 1e6 / steps, calls ? "  (" + e.getValue()[1] / steps + " calls)" : "")));
    }

    private static void add(Map<String, long[]> m, String key, long t) {
        long[] v = m.computeIfAbsent(key, k -> new long[2]);
        v[0] += t;
        v[1]++;
    }
}
