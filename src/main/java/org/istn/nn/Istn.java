package org.istn.nn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.istn.nn.warp.GridSampler;
import org.istn.nn.warp.SamplerGradients;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An image-and-spatial transformer: {@code output = sample(ITN(x), STN(ITN(x)))}, either part
 * optional. The ITN and the STN's grid are one SameDiff graph; the resampling is the
 * hand-written {@link GridSampler} (ND4J has no grid-sampling op), chained to the graph through
 * its gradients: the sampler's backward gives d/d(ITN output) and d/d(grid), which re-enter the
 * graph as placeholders of the surrogate loss {@code sum(itnOut·g_itn) + sum(grid·g_grid)}, whose
 * parameter gradients are exactly the chain rule's.
 *
 * <p>Not thread-safe: one instance per training thread.
 */
public final class Istn {

    /** Input placeholder. */
    public static final String INPUT = "x";
    private static final String GRAD_ITN = "grad_itn";
    private static final String GRAD_GRID = "grad_grid";
    private static final String SURROGATE = "surrogate";

    private final Itn itn;
    private final SpatialTransformer stn;
    private final DataType dtype;
    private final SameDiff sd;
    private final String itnOut;
    private final String grid;
    private final Map<String, String> explain;
    private final List<NetBuilder.BatchNormStats> batchNorms;
    private final GridSampler sampler = GridSampler.create(false);

    /** Parameter gradients, and the gradient with respect to the input when it was asked for. */
    public record Gradients(Map<String, INDArray> parameters, INDArray input) {}

    /** One forward pass: the input, the ITN's output, the grid (null without STN), the output. */
    public record Forward(INDArray input, INDArray itnOutput, INDArray grid, INDArray output,
            Map<String, INDArray> explain, Map<String, INDArray> batchStats) {}

    /**
     * @param itn the ITN, or null for none
     * @param stn the STN, or null for none
     * @param inputShape NIfTI-order input shape
     * @param dtype FLOAT for training, DOUBLE for gradient checks
     * @param seed initialisation seed
     */
    public Istn(Itn itn, SpatialTransformer stn, int[] inputShape, DataType dtype, long seed) {
        this.itn = itn;
        this.stn = stn;
        this.dtype = dtype;
        this.sd = SameDiff.create();
        int dims = inputShape.length;
        NetBuilder root = new NetBuilder(sd, "istn", dims, dtype, seed);
        // a variable, not a placeholder: its gradient is wanted for cycle losses (NetBuilder#gradientInput)
        SDVariable x = root.gradientInput(INPUT, Shapes.graphShape(inputShape, 1, 1));
        SDVariable xi = itn == null ? x : itn.build(root.child("itn"), x);
        this.itnOut = xi.name();
        SDVariable loss;
        if (itn != null) {
            loss = xi.mul(sd.placeHolder(GRAD_ITN, dtype, Shapes.graphShape(inputShape, -1, 1))).sum();
        } else {
            loss = null;
        }
        this.explain = new LinkedHashMap<>();
        if (stn != null) {
            SpatialTransformer.Outputs o = stn.build(root.child("stn"), xi);
            this.grid = o.grid().name();
            o.explain().forEach((k, v) -> explain.put(k, v.name()));
            long[] gs = new long[dims + 2];
            long[] g = Shapes.graphShape(inputShape, -1, 1);
            System.arraycopy(g, 2, gs, 1, dims);
            gs[0] = -1;
            gs[dims + 1] = dims;
            SDVariable gridLoss = o.grid().mul(sd.placeHolder(GRAD_GRID, dtype, gs)).sum();
            loss = loss == null ? gridLoss : loss.add(gridLoss);
        } else {
            this.grid = null;
        }
        if (loss != null) {
            loss.rename(SURROGATE);
            sd.setLossVariables(SURROGATE);
        }
        root.trainFlag();
        this.batchNorms = List.copyOf(root.batchNorms());
    }

    public SameDiff graph() {
        return sd;
    }

    public Itn itn() {
        return itn;
    }

    public SpatialTransformer stn() {
        return stn;
    }

    /** Trainable parameter names (running batch-norm statistics excluded). */
    public List<String> parameterNames() {
        return GraphVariables.parameters(sd);
    }

    public List<NetBuilder.BatchNormStats> batchNorms() {
        return batchNorms;
    }

    /** Runs the transformer; {@code train} selects batch (true) or running (false) statistics. */
    public Forward forward(INDArray x, boolean train) {
        NetBuilder.bind(sd, INPUT, x.castTo(dtype));
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(NetBuilder.TRAIN, Nd4j.scalar(dtype, train ? 1.0 : 0.0));
        List<String> want = new ArrayList<>();
        if (itn != null) {
            want.add(itnOut);
        }
        if (grid != null) {
            want.add(grid);
            want.addAll(explain.values());
        }
        if (train) {
            for (NetBuilder.BatchNormStats s : batchNorms) {
                want.add(s.batchMean());
                want.add(s.batchVar());
            }
        }
        Map<String, INDArray> out = want.isEmpty() ? Map.of() : copies(sd.output(ph, want.toArray(String[]::new)));
        INDArray xi = itn == null ? x : out.get(itnOut);
        INDArray g = grid == null ? null : out.get(grid);
        INDArray y = g == null ? xi : sampler.forward(xi, g);
        Map<String, INDArray> ex = new LinkedHashMap<>();
        explain.forEach((k, v) -> ex.put(k, out.get(v)));
        Map<String, INDArray> stats = new HashMap<>();
        if (train) {
            for (NetBuilder.BatchNormStats s : batchNorms) {
                stats.put(s.batchMean(), out.get(s.batchMean()));
                stats.put(s.batchVar(), out.get(s.batchVar()));
            }
        }
        return new Forward(x, xi, g, y, ex, stats);
    }

    /**
     * Parameter gradients of a loss, given the forward pass and d loss / d output (and, when the
     * loss also uses the ITN output directly, d loss / d ITN output).
     */
    public Map<String, INDArray> backward(Forward f, INDArray gradOutput, INDArray gradItnOutput) {
        return backward(f, gradOutput, gradItnOutput, false).parameters();
    }

    /**
     * Gradients of a loss given the forward pass {@code f} (made with {@code train = true}) and
     * d loss / d output (and optionally d loss / d ITN output); with {@code wantInput} also
     * d loss / d input, which chains transformers (a cycle loss through two ISTNs).
     */
    public Gradients backward(Forward f, INDArray gradOutput, INDArray gradItnOutput, boolean wantInput) {
        INDArray gItn;
        INDArray gGrid = null;
        if (grid != null) {
            SamplerGradients<INDArray> g = sampler.backward(f.itnOutput(), f.grid(), gradOutput);
            gItn = g.input();
            gGrid = g.grid();
        } else {
            gItn = gradOutput;
        }
        if (gradItnOutput != null) {
            gItn = gItn.add(gradItnOutput);
        }
        List<String> wanted = new ArrayList<>(parameterNames());
        boolean graphReadsInput = itn != null || grid != null;
        if (wantInput && graphReadsInput) {
            wanted.add(INPUT);
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        INDArray inputGrad = null;
        if (!wanted.isEmpty()) {
            NetBuilder.bind(sd, INPUT, f.input().castTo(dtype));
            Map<String, INDArray> ph = new HashMap<>();
            ph.put(NetBuilder.TRAIN, Nd4j.scalar(dtype, 1.0));
            if (itn != null) {
                ph.put(GRAD_ITN, gItn.castTo(dtype));
            }
            if (grid != null) {
                ph.put(GRAD_GRID, gGrid.castTo(dtype));
            }
            Map<String, INDArray> grads = sd.calculateGradients(ph, wanted.toArray(String[]::new));
            // SameDiff may hand back arrays it reuses in later executions: own copies
            for (String p : parameterNames()) {
                out.put(p, grads.get(p).dup());
            }
            if (wantInput && graphReadsInput) {
                inputGrad = grads.get(INPUT).dup();
            }
        }
        if (wantInput) {
            // without an ITN the sampler also reads the input directly
            INDArray direct = itn == null ? gItn.castTo(dtype) : null;
            if (inputGrad == null) {
                inputGrad = direct == null ? Nd4j.zeros(dtype, f.input().shape()) : direct.dup();
            } else if (direct != null) {
                inputGrad.addi(direct);
            }
        }
        return new Gradients(out, inputGrad);
    }

    private static Map<String, INDArray> copies(Map<String, INDArray> m) {
        Map<String, INDArray> c = new HashMap<>();
        m.forEach((k, v) -> c.put(k, v.dup()));
        return c;
    }

    /** Running statistics ← (1 − momentum)·running + momentum·batch, as PyTorch's batch norm. */
    public void updateRunningStatistics(Map<String, INDArray> batchStats, double momentum) {
        GraphVariables.updateRunningStatistics(sd, batchNorms, batchStats, momentum);
    }
}
