package org.istn.train.event;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A run begins.
 *
 * @param runId the run's name (its folder name)
 * @param job the command, e.g. {@code da-unidirectional}
 * @param runDir the run folder (a Hadoop URI or local path), where listeners write their outputs
 * @param spark the session (listeners write Parquet through it)
 * @param firstEpoch 1, or the epoch after the checkpoint a resumed run starts from
 * @param epochs the configured number of epochs
 * @param stepsPerEpoch training steps (batches) per epoch, over all workers
 * @param batchSize samples per step
 * @param workers parallel workers (Spark partitions per averaging round)
 * @param lossNames the losses every {@link Progress} and {@link EpochSummary} carries, in order
 * @param config the resolved configuration (key → value as text), for provenance
 * @param configHash hash of the resolved configuration
 */
public record RunStart(String runId, String job, String runDir, SparkSession spark, int firstEpoch, int epochs,
        long stepsPerEpoch, int batchSize, int workers, List<String> lossNames, Map<String, String> config,
        String configHash) {

    public RunStart {
        lossNames = List.copyOf(lossNames);
        config = Map.copyOf(config);
    }
}
