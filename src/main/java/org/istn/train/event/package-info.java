/** The immutable events a training run reports to its {@link org.istn.train.TrainingListener}s. */
package org.istn.train.event;
