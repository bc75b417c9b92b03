/**
 * The jobs users run ({@code train-task}, {@code da-unidirectional}, {@code da-bidirectional}):
 * each reads its data, builds its engine and validator, and hands them to the shared
 * {@link org.istn.train.TrainingLoop}; the run folder ({@link org.istn.job.RunFolder}) holds
 * everything a run writes.
 */
package org.istn.job;
