package org.istn.spark;

import java.io.Serializable;
import java.time.Instant;

/**
 * What identifies one inference run in its output rows (the same values on every row).
 *
 * @param runId the run id ({@code run_name}, or {@code infer-<UTC start>}), the partition value
 * @param time when the run started (UTC)
 * @param model the task model file (qualified URI)
 * @param modelConfigHash the config hash in the task model's provenance
 * @param itn the ISTN file whose ITN was applied, or null
 * @param stn the ISTN file whose STN was applied, or null
 * @param site the evaluated site ({@code dataset_name}, else the manifest's name)
 * @param testSet the manifest evaluated (as configured)
 * @param configHash the hash of this run's resolved configuration
 * @param appVersion the application version
 * @param taskKind BINARY, MULTICLASS or REGRESSOR
 */
public record InferenceRun(String runId, Instant time, String model, String modelConfigHash, String itn,
        String stn, String site, String testSet, String configHash, String appVersion, String taskKind)
        implements Serializable {}
