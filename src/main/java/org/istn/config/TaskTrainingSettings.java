package org.istn.config;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Settings of {@code istn train-task}: train a task model on one site.
 *
 * @param trainSet    manifest of the training subjects ({@code train_set}, required)
 * @param testSet     manifest of the subjects validated on ({@code test_set}, required)
 * @param datasetName the site's name in outputs ({@code dataset_name})
 * @param data        reading, preprocessing and augmentation
 * @param network     network sizes
 * @param optim       training schedule
 * @param run         seed and output location
 */
public record TaskTrainingSettings(String trainSet, String testSet, String datasetName,
        ModelType modelType, DataSettings data, NetworkSettings network, OptimSettings optim, RunSettings run)
        implements JobSettings {

    public TaskTrainingSettings {
        Check.required("train_set", trainSet, Job.TRAIN_TASK);
        Check.required("test_set", testSet, Job.TRAIN_TASK);
        Check.nonBlank("dataset_name", datasetName);
        Check.notNull("data", data);
        Check.notNull("network", network);
        Check.notNull("model_type", modelType).checkClasses(network.numClasses());
        Check.notNull("optim", optim);
        Check.notNull("run", run);
    }

    @Override
    public Job job() {
        return Job.TRAIN_TASK;
    }

    @Override
    public SortedMap<String, Object> toConfigMap() {
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("train_set", trainSet);
        m.put("test_set", testSet);
        m.put("dataset_name", datasetName);
        m.put("model_type", modelType.configName());
        data.putTo(m, true);
        network.putTo(m);
        optim.putTo(m);
        run.putTo(m);
        return m;
    }

    static TaskTrainingSettings read(ConfigValues v) {
        return new TaskTrainingSettings(v.optionalString("train_set").orElse(""),
                v.optionalString("test_set").orElse(""), v.string("dataset_name"),
                ModelType.fromConfig("model_type", v.string("model_type")),
                DataSettings.read(v, true), NetworkSettings.read(v), OptimSettings.read(v),
                RunSettings.read(v));
    }
}
