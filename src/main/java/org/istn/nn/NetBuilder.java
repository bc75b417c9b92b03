package org.istn.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv3DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling3DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adds layers to a SameDiff graph for 2D ({@code [N, C, H, W]}) or 3D ({@code [N, C, D, H, W]})
 * images, naming every parameter {@code <prefix>/<layer>/<param>}.
 *
 * <p>Initial values come from a generator seeded by (seed, parameter name), never from ND4J's
 * global random state, so a network's initial parameters depend only on its seed.
 *
 * <p>Batch normalisation uses the batch statistics while the graph's scalar placeholder
 * {@value #TRAIN} is 1 and the running statistics while it is 0; the running statistics are
 * variables named {@code …/runMean} and {@code …/runVar}, not trained by gradient but updated by
 * the trainer from the batch statistics listed in {@link #batchNorms()}.
 */
public final class NetBuilder {

    /** Name of the scalar placeholder: 1 while training, 0 for inference. */
    public static final String TRAIN = "train";
    /** Batch-norm epsilon. */
    public static final double BN_EPS = 1e-5;

    private final SameDiff sd;
    private final String prefix;
    private final int dims;
    private final DataType dtype;
    private final long seed;
    private final List<BatchNormStats> batchNorms;

    /** The batch and running statistics of one batch-norm layer, by variable name. */
    public record BatchNormStats(String batchMean, String batchVar, String runMean, String runVar) {}

    /** How a weight starts. */
    public enum Init { HE, ZERO, XAVIER }

    public NetBuilder(SameDiff sd, String prefix, int dims, DataType dtype, long seed) {
        this(sd, prefix, dims, dtype, seed, new ArrayList<>());
    }

    private NetBuilder(SameDiff sd, String prefix, int dims, DataType dtype, long seed, List<BatchNormStats> bns) {
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("networks are 2D or 3D, found " + dims + "D");
        }
        this.sd = sd;
        this.prefix = prefix;
        this.dims = dims;
        this.dtype = dtype;
        this.seed = seed;
        this.batchNorms = bns;
    }

    /** A builder for a sub-network under {@code prefix/name}, sharing graph and statistics. */
    public NetBuilder child(String name) {
        return new NetBuilder(sd, prefix + "/" + name, dims, dtype, seed, batchNorms);
    }

    public SameDiff sd() {
        return sd;
    }

    public int dims() {
        return dims;
    }

    public DataType dtype() {
        return dtype;
    }

    public String prefix() {
        return prefix;
    }

    public List<BatchNormStats> batchNorms() {
        return batchNorms;
    }

    /** The graph's training flag (created on first use): 1 = training, 0 = inference. */
    public SDVariable trainFlag() {
        return sd.hasVariable(TRAIN) ? sd.getVariable(TRAIN) : sd.placeHolder(TRAIN, dtype);
    }

    /**
     * A graph input whose gradient is wanted, held as a variable rather than a placeholder: in
     * SameDiff 1.0.0-M2.1 the gradient of a placeholder read by several ops keeps only one op's
     * contribution (and one read by a single elementwise op gets none), while variables
     * accumulate correctly. Set its value with {@link #bind}; its name is never a parameter's
     * (parameters contain '/').
     */
    public SDVariable gradientInput(String name, long... shape) {
        return sd.var(name, Nd4j.zeros(dtype, shape));
    }

    /**
     * Sets the value of an input made by {@link #gradientInput}, copying it into an array the
     * graph owns. (SameDiff's {@code setArray} keeps the caller's array when the shape changes
     * and later assigns into the array it holds when the shape matches: binding the caller's
     * array directly would make the next bind overwrite the caller's data.)
     */
    public static void bind(SameDiff sd, String name, INDArray value) {
        SDVariable v = sd.getVariable(name);
        INDArray held = v.getArr();
        if (held != null && held.dataType() == value.dataType() && java.util.Arrays.equals(held.shape(), value.shape())) {
            held.assign(value);
        } else {
            v.setArray(value.dup());
        }
    }

    /** A parameter {@code prefix/layer/param} with deterministic initial values. */
    public SDVariable param(String layer, String param, Init init, long fanIn, long fanOut, long... shape) {
        String name = prefix + "/" + layer + "/" + param;
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        if (init != Init.ZERO) {
            SplittableRandom r = new SplittableRandom(seed ^ (name.hashCode() * 0x9E3779B97F4A7C15L));
            double std = init == Init.HE ? Math.sqrt(2.0 / fanIn) : Math.sqrt(2.0 / (fanIn + fanOut));
            for (int i = 0; i < v.length; i++) {
                v[i] = gaussian(r) * std;
            }
        }
        return sd.var(name, Nd4j.create(v, shape, DataType.DOUBLE).castTo(dtype));
    }

    /** A parameter filled with one value. */
    public SDVariable constantParam(String layer, String param, double value, long... shape) {
        INDArray a = Nd4j.valueArrayOf(shape, value, dtype);
        return sd.var(prefix + "/" + layer + "/" + param, a);
    }

    /** Convolution with a cubic kernel {@code k}, stride and zero padding, plus bias. */
    public SDVariable conv(String layer, SDVariable x, int in, int out, int k, int stride, int pad, Init init) {
        long fanIn = (long) in * (dims == 3 ? k * k * k : k * k);
        long fanOut = (long) out * (dims == 3 ? k * k * k : k * k);
        SDVariable b = param(layer, "b", Init.ZERO, 0, 0, out);
        if (dims == 2) {
            SDVariable w = param(layer, "W", init, fanIn, fanOut, k, k, in, out);
            return sd.cnn().conv2d(x, w, b, Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(pad).pW(pad)
                    .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build());
        }
        SDVariable w = param(layer, "W", init, fanIn, fanOut, k, k, k, in, out);
        return sd.cnn().conv3d(x, w, b, Conv3DConfig.builder().kD(k).kH(k).kW(k).sD(stride).sH(stride).sW(stride)
                .pD(pad).pH(pad).pW(pad).paddingMode(PaddingMode.VALID).dataFormat("NCDHW").build());
    }

    /** Fully connected layer on {@code [N, in]}. */
    public SDVariable dense(String layer, SDVariable x, int in, int out, Init init) {
        SDVariable w = param(layer, "W", init, in, out, in, out);
        SDVariable b = param(layer, "b", Init.ZERO, 0, 0, 1, out);
        return x.mmul(w).add(b);
    }

    /** Batch normalisation over N and the spatial axes, with learned scale and shift. */
    public SDVariable batchNorm(String layer, SDVariable x, int channels) {
        int[] axes = dims == 2 ? new int[] {0, 2, 3} : new int[] {0, 2, 3, 4};
        long[] shape = channelShape(channels);
        SDVariable gamma = constantParam(layer, "gamma", 1.0, shape);
        SDVariable beta = constantParam(layer, "beta", 0.0, shape);
        SDVariable runMean = constantParam(layer, "runMean", 0.0, shape);
        SDVariable runVar = constantParam(layer, "runVar", 1.0, shape);
        SDVariable mean = x.mean(true, axes);
        SDVariable centred = x.sub(mean);
        SDVariable var = centred.mul(centred).mean(true, axes);
        String base = prefix + "/" + layer + "/";
        mean = mean.rename(base + "batchMean");
        var = var.rename(base + "batchVar");
        SDVariable t = trainFlag();
        SDVariable m = mean.mul(t).add(runMean.mul(t.rsub(1.0)));
        SDVariable v = var.mul(t).add(runVar.mul(t.rsub(1.0)));
        batchNorms.add(new BatchNormStats(mean.name(), var.name(), runMean.name(), runVar.name()));
        return x.sub(m).div(v.add(BN_EPS).pow(0.5)).mul(gamma).add(beta);
    }

    /** Instance normalisation (per image and channel), with learned scale and shift. */
    public SDVariable instanceNorm(String layer, SDVariable x, int channels) {
        int[] axes = dims == 2 ? new int[] {2, 3} : new int[] {2, 3, 4};
        long[] shape = channelShape(channels);
        SDVariable gamma = constantParam(layer, "gamma", 1.0, shape);
        SDVariable beta = constantParam(layer, "beta", 0.0, shape);
        SDVariable centred = x.sub(x.mean(true, axes));
        SDVariable var = centred.mul(centred).mean(true, axes);
        return centred.div(var.add(BN_EPS).pow(0.5)).mul(gamma).add(beta);
    }

    public SDVariable relu(SDVariable x) {
        return sd.nn().relu(x, 0.0);
    }

    public SDVariable leakyRelu(SDVariable x, double alpha) {
        return sd.nn().leakyRelu(x, alpha);
    }

    /** Nearest-neighbour upsampling by 2 along every spatial axis. */
    public SDVariable upsample2(SDVariable x) {
        return dims == 2 ? sd.cnn().upsampling2d(x, 2, 2, true) : sd.cnn().upsampling3d(x, true, 2, 2, 2);
    }

    /** Max pooling 2×2(×2) with stride 2 (odd sizes lose their last row). */
    public SDVariable maxPool2(SDVariable x) {
        if (dims == 2) {
            return sd.cnn().maxPooling2d(x, Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2)
                    .paddingMode(PaddingMode.VALID).isNHWC(false).build());
        }
        return sd.cnn().maxPooling3d(x, Pooling3DConfig.builder().kD(2).kH(2).kW(2).sD(2).sH(2).sW(2)
                .isSameMode(false).isNCDHW(true).build());
    }

    /** Mean over the spatial axes: {@code [N, C, ...]} to {@code [N, C]}. */
    public SDVariable globalAveragePool(SDVariable x) {
        return dims == 2 ? x.mean(2, 3) : x.mean(2, 3, 4);
    }

    /** Concatenation along the channel axis. */
    public SDVariable concatChannels(SDVariable a, SDVariable b) {
        return sd.concat(1, a, b);
    }

    /** {@code [1, C, 1, 1(, 1)]}: broadcastable per-channel shape. */
    private long[] channelShape(int channels) {
        long[] s = new long[dims + 2];
        Arrays.fill(s, 1);
        s[1] = channels;
        return s;
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
