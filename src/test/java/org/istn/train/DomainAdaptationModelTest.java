package org.istn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.istn.config.LossType;
import org.istn.config.ModelType;
import org.istn.config.StnType;
import org.istn.data.Batches;
import org.istn.data.Sample;
import org.istn.nn.ComputationGraphTaskModel;
import org.istn.nn.Dl4jLeNet;
import org.istn.nn.Provenance;
import org.istn.nn.SameDiffTaskModel;
import org.istn.nn.TaskModel;
import org.istn.nn.TaskModelStore;
import org.istn.testing.TwoDomains;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The DA model's training state is complete: a model that trained elsewhere, given another
 * model's exported state, takes exactly the same next steps (what averaging and resuming need).
 */
class DomainAdaptationModelTest {

    /**
     * Unidirectional: a model that trained elsewhere, given the state, continues identically.
     * Bidirectional: a fresh (never run) model, given the state, continues identically (this
     * caught graph inputs aliasing the caller's arrays, see NetBuilder#bind).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void importedStateFullyDeterminesTraining(boolean bidirectional) {
        DomainAdaptationRecipe r = new DomainAdaptationRecipe(new int[] {16, 16}, bidirectional, true, StnType.AFFINE,
                0.1, new int[] {4, 4}, 2, LossType.BCE, LossType.L1, LossType.BCE, true,
                bidirectional ? LossType.L1 : null, 10, 0, 1e-3, 7, ModelType.CLASSIFIER, 1, null);
        List<Sample> a = TwoDomains.make("a", 8, 16, false, 2, 1);
        List<Sample> b = TwoDomains.make("b", 8, 16, true, 2, 2);
        DomainAdaptationModel m1 = r.build();
        DomainAdaptationModel m2 = r.build();
        for (int s = 0; s < 2; s++) {
            m1.step(batch(a, b, 1, s));
        }
        if (!bidirectional) {
            for (int s = 0; s < 3; s++) {
                m2.step(batch(b, a, 5, s)); // m2 trains on other data: different hidden state, if any
            }
        } // bidirectional: m2 is fresh (never trained) when it imports the state
        StateVector saved = StateVector.of(m1.exportState());
        m2.importState(saved.toMap());
        assertArrayEquals(saved.values(), StateVector.of(m2.exportState()).values());
        for (int s = 2; s < 4; s++) {
            Map<String, Double> l1 = m1.step(batch(a, b, 1, s));
            Map<String, Double> l2 = m2.step(batch(a, b, 1, s));
            assertEquals(l1, l2, "step " + s);
        }
        StateVector x = StateVector.of(m1.exportState());
        StateVector y = StateVector.of(m2.exportState());
        for (int i = 0; i < x.values().length; i++) {
            if (x.values()[i] != y.values()[i]) {
                int off = 0;
                String where = "?";
                for (int k = 0; k < x.names().length; k++) {
                    long n = 1;
                    for (long d : x.shapes()[k]) {
                        n *= d;
                    }
                    if (i < off + n) {
                        where = x.names()[k];
                        break;
                    }
                    off += (int) n;
                }
                throw new AssertionError("state differs first at " + where + ": " + x.values()[i] + " vs " + y.values()[i]);
            }
        }
        assertTrue(x.values().length > 0);
    }

    /**
     * task_weight w: the ISTN loss gains exactly w·loss_task, and only the ISTN's update changes
     * (the discriminator and the task model take the same step as with w = 0); bidirectional too.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theTaskTermEntersOnlyTheIstnObjective(boolean bidirectional) throws IOException {
        ComputationGraph g = new ComputationGraph(new Dl4jLeNet(TaskModel.Kind.BINARY, new int[] {16, 16}, 2, 1)
                .configuration(1e-3, 3));
        g.init();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TaskModelStore.save(new ComputationGraphTaskModel(g, TaskModel.Kind.BINARY, 1),
                Provenance.now(3, "test", Map.of()), bytes);
        List<Sample> a = TwoDomains.make("a", 8, 16, false, 2, 1);
        List<Sample> b = TwoDomains.make("b", 8, 16, true, 2, 2);
        assertTaskTermEntersOnlyTheIstn(w -> new DomainAdaptationRecipe(new int[] {16, 16}, bidirectional, true,
                StnType.AFFINE, 0.1, new int[] {4, 4}, 2, LossType.BCE, LossType.L1, LossType.BCE, true,
                bidirectional ? LossType.L1 : null, 10, w, 1e-3, 7, ModelType.CLASSIFIER, 1,
                bytes.toByteArray()).build(), batch(a, b, 1, 0));
    }

    /**
     * 3D (8×8×8), the task model built from scratch (SameDiff, differentiated through its
     * graph): the ISTN loss gains exactly w·loss_task; D_B and the task model take the same step
     * as with w = 0, G_AB another.
     */
    @Test
    void aSameDiffTaskModelCarriesTheTaskTermIn3d() {
        int[] shape = {8, 8, 8};
        List<Sample> a = TwoDomains.extrude(TwoDomains.make("a", 8, 8, false, 1, 1), 8);
        List<Sample> b = TwoDomains.extrude(TwoDomains.make("b", 8, 8, true, 1, 2), 8);
        Map<String, Double> l = assertTaskTermEntersOnlyTheIstn(w -> {
            DomainAdaptationModel m = new DomainAdaptationRecipe(shape, false, true, StnType.AFFINE, 0.1,
                    new int[] {4, 4, 4}, 2, LossType.BCE, LossType.L1, LossType.BCE, true, null, 10, w, 1e-3, 7,
                    ModelType.CLASSIFIER, 1, null).build();
            assertTrue(m.task() instanceof SameDiffTaskModel);
            return m;
        }, batch(a, b, 1, 0));
        assertTrue(l.get("loss_task") > 0.1, "a task loss to weigh: " + l.get("loss_task"));
    }

    /**
     * One step at task_weight 0 and at 2.5 from identical models: loss_istn grows by exactly w·loss_task, loss_task and loss_d are unchanged, the
     * D_* and task/* states are identical and G_AB's differs. Returns the weighted step's losses.
     */
    private static Map<String, Double> assertTaskTermEntersOnlyTheIstn(java.util.function.DoubleFunction<DomainAdaptationModel> model,
            StepBatch batch) {
        double w = 2.5;
        DomainAdaptationModel zero = model.apply(0);
        Map<String, Double> l0 = zero.step(batch);
        Map<String, INDArray> s0 = zero.exportState();
        DomainAdaptationModel weighted = model.apply(w);
        Map<String, Double> l = weighted.step(batch);
        Map<String, INDArray> s = weighted.exportState();
        assertEquals(l0.get("loss_task"), l.get("loss_task"), 0.0);
        assertEquals(l0.get("loss_d"), l.get("loss_d"), 0.0);
        assertEquals(w * l.get("loss_task"), l.get("loss_istn") - l0.get("loss_istn"), 1e-6);
        int istnChanged = 0;
        for (Map.Entry<String, INDArray> e : s.entrySet()) {
            boolean same = java.util.Arrays.equals(e.getValue().reshape(-1).toDoubleVector(),
                    s0.get(e.getKey()).reshape(-1).toDoubleVector());
            if (e.getKey().startsWith("D_") || e.getKey().startsWith("task/")) {
                assertTrue(same, e.getKey() + " must not depend on task_weight");
            } else if (e.getKey().startsWith("G_AB/") && !same) {
                istnChanged++;
            }
        }
        assertTrue(istnChanged > 0, "the task term changes G_AB's update");
        return l;
    }

    private static StepBatch batch(List<Sample> a, List<Sample> b, int epoch, int step) {
        return new StepBatch(epoch, step, Batches.images(a.subList(0, 4)), Batches.labels(a.subList(0, 4)),
                Batches.images(b.subList(4, 8)), 3);
    }
}
