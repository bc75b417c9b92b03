package org.istn.spark;

import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Runs on the workers around every minibatch step: hands the driver's iteration and epoch
 * counters to a worker network before its first step (see {@link Dl4jSparkTrainer}), and adds each
 * step's loss, size and count to accumulators.
 */
final class WorkerStepHook implements TrainingHook {
    private static final long serialVersionUID = 1L;
    final DoubleAccumulator lossSum;
    final LongAccumulator examples;
    final LongAccumulator steps;
    int iteration;
    int epochCount;
    boolean carryCounters = true;
    private transient Model seen;

    WorkerStepHook(DoubleAccumulator lossSum, LongAccumulator examples, LongAccumulator steps) {
        this.lossSum = lossSum;
        this.examples = examples;
        this.steps = steps;
    }

    private void before(Model model) {
        if (model != seen && model instanceof ComputationGraph g) {
            seen = model;
            if (carryCounters) {
                g.getConfiguration().setIterationCount(iteration + g.getConfiguration().getIterationCount());
                g.getConfiguration().setEpochCount(epochCount);
            }
        }
    }

    private void after(Model model, long n) {
        lossSum.add(model.score() * n);
        examples.add(n);
        steps.add(1);
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        before(model);
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
        after(model, minibatch.numExamples());
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        before(model);
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
        after(model, minibatch.getFeatures(0).size(0));
    }
}
