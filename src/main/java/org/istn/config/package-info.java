/**
 * Typed, validated settings of the four jobs ({@link org.istn.config.Job}), read once on the
 * driver.
 *
 * <p>{@link org.istn.config.SettingsLoader} merges the command line, {@code ISTN_<KEY>}
 * environment variables, a user's {@code .json}/{@code .conf} file and the job's defaults
 * ({@code conf/<job>.conf} in the jar) and builds one immutable record per job
 * ({@link org.istn.config.TaskTrainingSettings}, {@link org.istn.config.DomainAdaptationSettings},
 * {@link org.istn.config.InferenceSettings}) out of small records grouped by concept (data,
 * network, STN, schedule, losses, run). Records check their values in their constructors and
 * fail with a {@link org.istn.config.SettingsException} naming the key, the value found, what
 * is allowed and where the value came from. Keys and accepted values follow the reference
 * PyTorch tool's JSON configs, so those load unchanged.
 *
 * <p>Typesafe Config is used only inside this package; nothing else reads config files. Each
 * record gives its resolved configuration as canonical JSON and its SHA-256 for provenance.
 */
package org.istn.config;
