package org.istn.config;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Settings of {@code istn infer}: evaluate a task model on a test set, optionally behind a
 * trained ITN and STN (the command's {@code --itn} and {@code --stn} switches say whether to
 * apply them).
 *
 * @param testSet    manifest of the subjects to evaluate ({@code test_set}, required)
 * @param datasetName the evaluated site's name in the outputs ({@code dataset_name}); empty =
 *                   the manifest's file name without extension
 * @param taskModel  the trained task model ({@code task_model}, required)
 * @param itnPath    a trained ITN, or empty ({@code itn_path}; 0 = none)
 * @param stnPath    a trained STN, or empty ({@code stn_path}; 0 = none)
 * @param stn        the STN's architecture, to rebuild it ({@code stn}, ...)
 * @param thresholds the threshold-accuracy levels of the summary, each &gt;= 0 ({@code thresholds})
 * @param batchSize  samples per forward pass, &gt;= 1 ({@code batch_size})
 * @param data       reading and preprocessing (never augmented)
 * @param network    network sizes
 * @param run        seed and output location
 */
public record InferenceSettings(String testSet, Optional<String> datasetName, String taskModel, Optional<String> itnPath,
        Optional<String> stnPath, StnSettings stn, List<Double> thresholds, int batchSize,
        DataSettings data, NetworkSettings network, RunSettings run) implements JobSettings {

    public InferenceSettings {
        Check.required("test_set", testSet, Job.INFER);
        Check.notNull("dataset_name", datasetName);
        Check.required("task_model", taskModel, Job.INFER);
        Check.notNull("itn_path", itnPath);
        Check.notNull("stn_path", stnPath);
        Check.notNull("data", data);
        Check.notNull("stn", stn).checkAgainst(data.inputShape());
        thresholds = List.copyOf(thresholds);
        for (double t : thresholds) {
            if (!(t >= 0) || Double.isInfinite(t)) {
                throw Check.fail("thresholds", "thresholds must be numbers >= 0, found "
                        + Check.numbers(thresholds));
            }
        }
        Check.atLeast("batch_size", batchSize, 1);
        if (data.augmentation().enabled()) {
            throw Check.fail("augmentation", "inference never augments; augmentation must be off");
        }
        Check.notNull("network", network);
        Check.notNull("run", run);
    }

    @Override
    public Job job() {
        return Job.INFER;
    }

    @Override
    public SortedMap<String, Object> toConfigMap() {
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("test_set", testSet);
        m.put("dataset_name", datasetName.orElse(null));
        m.put("task_model", taskModel);
        m.put("itn_path", itnPath.orElse(null));
        m.put("stn_path", stnPath.orElse(null));
        m.put("thresholds", thresholds);
        m.put("batch_size", batchSize);
        stn.putTo(m);
        data.putTo(m, false);
        network.putTo(m);
        run.putTo(m);
        return m;
    }

    static InferenceSettings read(ConfigValues v) {
        return new InferenceSettings(v.optionalString("test_set").orElse(""), v.optionalString("dataset_name"),
                v.optionalString("task_model").orElse(""), v.optionalString("itn_path"),
                v.optionalString("stn_path"), StnSettings.read(v), v.numbers("thresholds"),
                v.integer("batch_size"), DataSettings.read(v, false), NetworkSettings.read(v),
                RunSettings.read(v));
    }
}
