package org.istn.train;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.istn.config.ModelType;
import org.istn.config.StnType;
import org.istn.nn.AffineStn;
import org.istn.nn.BSplineStn;
import org.istn.nn.Discriminator;
import org.istn.nn.GraphVariables;
import org.istn.nn.Istn;
import org.istn.nn.Itn;
import org.istn.nn.SameDiffTaskModel;
import org.istn.nn.SpatialTransformer;
import org.istn.nn.StateEntries;
import org.istn.nn.TaskModel;
import org.istn.nn.TaskModelStore;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The networks of image-level domain adaptation and their training step (DESIGN.md, "Training
 * step"). Unidirectional: one ISTN G_AB, one discriminator D_B, the task model. Per step, with
 * A2B = G_AB(A), B2B = G_AB(B) and soft labels real ~ U(0.97, 1), fake ~ U(0, 0.03):
 * <ul>
 * <li>ISTN loss {@code gan(D_B(A2B), real) + 0.5·λ·idt(B2B, B)};
 * <li>D_B loss {@code 0.5·[dis(D_B(B), real) + dis(D_B(sg(A2B)), fake)]};
 * <li>task loss {@code task(Task(sg(A2B)), y_A)}.
 * </ul>
 * Bidirectional adds G_BA and D_A: ISTN loss
 * {@code 0.5·[gan(D_B(A2B)) + gan(D_A(B2A))] + 0.5·λ·[idt(G_BA(A), A) + idt(G_AB(B), B)]
 * + λ·[cyc(G_BA(A2B), A) + cyc(G_AB(B2A), B)]}; D_B learns B against sg(A2B) and D_A learns A
 * against sg(B2A). All gradients come from the same forward passes (the discriminators score with
 * their pre-step weights, as the reference's sequential updates do); the ISTNs share one
 * Adam(lr, 0.5, 0.999) objective, each discriminator has its own Adam(lr, 0.5, 0.999), the task
 * model its own optimiser. Batch-norm running statistics (momentum 0.1, PyTorch's convention) follow
 * only the passes whose input is of the ISTN's own input domain — A and B2A for G_AB, B and A2B for
 * G_BA — not the identity passes: inference applies G_AB to A images, and statistics averaged with
 * target batches would make it a different function there than in training (the reference
 * updates them on every pass).
 *
 * <p>With {@code task_weight} w &gt; 0 (not in the reference) both ISTN losses add
 * {@code w·task(Task(A2B), y_A)}, differentiated through the task model at its pre-step parameters
 * (PixelDA's joint objective): the ISTN is then rewarded for keeping A's labels readable.
 */
public final class DomainAdaptationModel implements TrainableModel {
    private static final double MOMENTUM = 0.1;

    private final DomainAdaptationRecipe recipe;
    private final Istn gAB;
    private final Istn gBA;
    private final AdamOptimizer optAB;
    private final AdamOptimizer optBA;
    private final AdversarialCritic dB;
    private final AdversarialCritic dA;
    private final TaskModel task;
    private final ImageLoss idt;
    private final ImageLoss cyc;
    private final List<String> lossNames;

    DomainAdaptationModel(DomainAdaptationRecipe r) {
        this.recipe = r;
        int[] shape = r.inputShape();
        this.gAB = istn(r, r.seed() + 1);
        this.optAB = new AdamOptimizer(gAB.graph(), gAB.parameterNames(), r.learningRate(), 0.5, 0.999);
        Discriminator d = new Discriminator(shape, r.nf(), r.disInstanceNorm());
        this.dB = new AdversarialCritic(d, r.dis(), r.gan(), DataType.FLOAT, r.seed() + 2, r.learningRate(), 0.5, 0.999);
        if (r.bidirectional()) {
            this.gBA = istn(r, r.seed() + 3);
            this.optBA = new AdamOptimizer(gBA.graph(), gBA.parameterNames(), r.learningRate(), 0.5, 0.999);
            this.dA = new AdversarialCritic(d, r.dis(), r.gan(), DataType.FLOAT, r.seed() + 4, r.learningRate(),
                    0.5, 0.999);
            this.cyc = new ImageLoss(r.cyc());
        } else {
            this.gBA = null;
            this.optBA = null;
            this.dA = null;
            this.cyc = null;
        }
        this.idt = new ImageLoss(r.idt());
        this.task = taskModel(r);
        List<String> names = new ArrayList<>(List.of("loss_istn", "loss_gan", "loss_idt"));
        if (r.bidirectional()) {
            names.add("loss_cyc");
        }
        names.addAll(List.of("loss_d", "loss_task", "d_real_mean", "d_fake_mean"));
        this.lossNames = List.copyOf(names);
    }

    private static Istn istn(DomainAdaptationRecipe r, long seed) {
        int[] shape = r.inputShape();
        Itn itn = r.itn() ? new Itn(shape, r.nf()) : null;
        SpatialTransformer stn = r.stn() == StnType.AFFINE ? new AffineStn(shape, r.nf())
                : r.stn() == StnType.BSPLINE ? new BSplineStn(shape, r.nf(), r.maxDisplacement(), r.cpSpacing())
                : null;
        return new Istn(itn, stn, shape, DataType.FLOAT, seed);
    }

    private static TaskModel taskModel(DomainAdaptationRecipe r) {
        if (r.taskModel() != null) {
            try {
                return TaskModelStore.load(new ByteArrayInputStream(r.taskModel()), "task_model", r.learningRate())
                        .model();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return SameDiffTaskModel.lenet(r.modelType() == ModelType.REGRESSOR, r.inputShape(),
                DomainAdaptationRecipe.TASK_NF, r.numClasses(), r.learningRate(), r.seed() + 5);
    }

    public DomainAdaptationRecipe recipe() {
        return recipe;
    }

    /** The A→B transformer. */
    public Istn gAB() {
        return gAB;
    }

    /** The B→A transformer (bidirectional only, else null). */
    public Istn gBA() {
        return gBA;
    }

    /** The discriminator of domain B (judges A2B). */
    public AdversarialCritic dB() {
        return dB;
    }

    /** The discriminator of domain A (judges B2A; bidirectional only, else null). */
    public AdversarialCritic dA() {
        return dA;
    }

    public TaskModel task() {
        return task;
    }

    @Override
    public List<String> lossNames() {
        return lossNames;
    }

    @Override
    public Map<String, Double> step(StepBatch batch) {
        SplittableRandom rnd = batch.random();
        INDArray a = batch.a();
        INDArray b = batch.b();
        int n = (int) a.size(0);
        int m = (int) b.size(0);
        double lambda = recipe.cycWeight();
        Map<String, Double> losses = new LinkedHashMap<>();

        Istn.Forward fAB = gAB.forward(a, true); // A2B
        Istn.Forward fBB = gAB.forward(b, true); // G_AB(B): identity term
        INDArray a2b = fAB.output();
        // the task term: its gradient (at the task model's current parameters) enters A2B
        INDArray taskGradient = null;
        double taskWeight = recipe.taskWeight();
        if (taskWeight > 0) {
            taskGradient = task.inputGradient(a2b, batch.aLabels()).muli(taskWeight);
        }
        double taskLoss = task.fit(a2b, batch.aLabels());
        AdversarialCritic.Step cB = dB.step(b, a2b, uniform(rnd, m, 0.97, 1.0), uniform(rnd, n, 0.0, 0.03),
                uniform(rnd, n, 0.97, 1.0), recipe.bidirectional() ? 0.5 : 1.0);
        ImageLoss.Result idtB = idt.of(fBB.output(), b);
        Map<String, INDArray> gradAB;
        double ganLoss;
        double idtLoss;
        double istnLoss;
        if (!recipe.bidirectional()) {
            gradAB = add(gAB.backward(fAB, plus(cB.fakeGradient(), taskGradient), null),
                    gAB.backward(fBB, idtB.gradient().muli(0.5 * lambda), null));
            ganLoss = cB.ganLoss();
            idtLoss = idtB.value();
            istnLoss = ganLoss + 0.5 * lambda * idtLoss + taskWeight * taskLoss;
            optAB.step(gradAB);
            dB.apply(cB.gradients());
            gAB.updateRunningStatistics(fAB.batchStats(), MOMENTUM);
            losses.put("loss_istn", istnLoss);
            losses.put("loss_gan", ganLoss);
            losses.put("loss_idt", idtLoss);
            losses.put("loss_d", cB.criticLoss());
        } else {
            Istn.Forward fBA = gBA.forward(b, true); // B2A
            Istn.Forward fAA = gBA.forward(a, true); // G_BA(A): identity term
            INDArray b2a = fBA.output();
            Istn.Forward fABA = gBA.forward(a2b, true); // G_BA(A2B): cycle
            Istn.Forward fBAB = gAB.forward(b2a, true); // G_AB(B2A): cycle
            AdversarialCritic.Step cA = dA.step(a, b2a, uniform(rnd, n, 0.97, 1.0), uniform(rnd, m, 0.0, 0.03),
                    uniform(rnd, m, 0.97, 1.0), 0.5);
            ImageLoss.Result idtA = idt.of(fAA.output(), a);
            ImageLoss.Result cycA = cyc.of(fABA.output(), a);
            ImageLoss.Result cycB = cyc.of(fBAB.output(), b);
            // cycles first: they give the gradients that re-enter A2B and B2A
            Istn.Gradients gCycA = gBA.backward(fABA, cycA.gradient().muli(lambda), null, true);
            Istn.Gradients gCycB = gAB.backward(fBAB, cycB.gradient().muli(lambda), null, true);
            gradAB = add(add(gAB.backward(fAB, plus(cB.fakeGradient().add(gCycA.input()), taskGradient), null),
                    gAB.backward(fBB, idtB.gradient().muli(0.5 * lambda), null)), gCycB.parameters());
            Map<String, INDArray> gradBA = add(add(gBA.backward(fBA, cA.fakeGradient().add(gCycB.input()), null),
                    gBA.backward(fAA, idtA.gradient().muli(0.5 * lambda), null)), gCycA.parameters());
            ganLoss = 0.5 * (cB.ganLoss() + cA.ganLoss());
            idtLoss = 0.5 * (idtA.value() + idtB.value());
            double cycLoss = cycA.value() + cycB.value();
            istnLoss = ganLoss + lambda * idtLoss + lambda * cycLoss + taskWeight * taskLoss;
            optAB.step(gradAB);
            optBA.step(gradBA);
            dB.apply(cB.gradients());
            dA.apply(cA.gradients());
            for (Istn.Forward f : List.of(fAB, fBAB)) {
                gAB.updateRunningStatistics(f.batchStats(), MOMENTUM);
            }
            for (Istn.Forward f : List.of(fBA, fABA)) {
                gBA.updateRunningStatistics(f.batchStats(), MOMENTUM);
            }
            losses.put("loss_istn", istnLoss);
            losses.put("loss_gan", ganLoss);
            losses.put("loss_idt", idtLoss);
            losses.put("loss_cyc", cycLoss);
            losses.put("loss_d", 0.5 * (cB.criticLoss() + cA.criticLoss()));
        }
        losses.put("loss_task", taskLoss);
        losses.put("d_real_mean", sigmoidMean(cB.realLogits()));
        losses.put("d_fake_mean", sigmoidMean(cB.fakeLogits()));
        return losses;
    }

    private static INDArray plus(INDArray g, INDArray extra) {
        return extra == null ? g : g.add(extra);
    }

    private static double sigmoidMean(INDArray z) {
        double s = 0;
        for (long i = 0; i < z.length(); i++) {
            s += 1 / (1 + Math.exp(-z.getDouble(i)));
        }
        return s / z.length();
    }

    private static double[] uniform(SplittableRandom r, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
        return v;
    }

    private static Map<String, INDArray> add(Map<String, INDArray> x, Map<String, INDArray> y) {
        Map<String, INDArray> s = new LinkedHashMap<>(x);
        y.forEach((k, v) -> s.merge(k, v, INDArray::add));
        return s;
    }

    @Override
    public Map<String, INDArray> exportState() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        exportIstn("G_AB/", gAB, optAB, m);
        dB.exportState("D_B/", m);
        if (gBA != null) {
            exportIstn("G_BA/", gBA, optBA, m);
            dA.exportState("D_A/", m);
        }
        task.exportState().forEach((k, v) -> m.put("task/" + k, v));
        return m;
    }

    @Override
    public void importState(Map<String, INDArray> state) {
        importIstn("G_AB/", gAB, optAB, state);
        dB.importState("D_B/", state);
        if (gBA != null) {
            importIstn("G_BA/", gBA, optBA, state);
            dA.importState("D_A/", state);
        }
        Map<String, INDArray> t = new LinkedHashMap<>();
        state.forEach((k, v) -> {
            if (k.startsWith("task/")) {
                t.put(k.substring(5), v);
            }
        });
        task.importState(t);
    }

    private static void exportIstn(String prefix, Istn g, AdamOptimizer opt, Map<String, INDArray> into) {
        for (String v : GraphVariables.all(g.graph())) {
            into.put(prefix + v, g.graph().getVariable(v).getArr().dup());
        }
        opt.exportState(prefix, into);
    }

    private static void importIstn(String prefix, Istn g, AdamOptimizer opt, Map<String, INDArray> state) {
        for (String v : GraphVariables.all(g.graph())) {
            StateEntries.assign(state, prefix + v, g.graph().getVariable(v).getArr());
        }
        opt.importState(prefix, state);
    }
}
