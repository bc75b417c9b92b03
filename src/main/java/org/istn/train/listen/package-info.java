/**
 * The standard observers of a training run ({@link org.istn.train.TrainingListener}s): progress
 * lines in the log ({@link org.istn.train.listen.ProgressLogger}), the run's metric tables as
 * Parquet and their plots as PNG ({@link org.istn.train.listen.MetricsRecorder}), validation
 * sample images as PNG grids and NIfTI volumes ({@link org.istn.train.listen.SampleImageWriter}),
 * and a composite that calls several in order ({@link org.istn.train.listen.TrainingListeners}).
 * All run on the driver; docs/run-outputs.md describes the files they write.
 */
package org.istn.train.listen;
